package io.jenkins.plugins.k6cloud;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.builder.K6CloudBuilder;
import io.jenkins.plugins.k6cloud.config.K6CloudGlobalConfiguration;
import io.jenkins.plugins.k6cloud.pipeline.K6CloudRunStep;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.junit.Test;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/** The shape Jenkins' security scan and configuration-as-code expect of the plugin's descriptors. */
public class WebMethodsTest {
    private static final List<Class<?>> DESCRIPTORS = List.of(
            K6CloudGlobalConfiguration.class, K6CloudBuilder.DescriptorImpl.class, K6CloudRunStep.DescriptorImpl.class);

    @Test
    public void everyCheckTestAndCredentialsFillIsPost() {
        List<String> checked = new ArrayList<>();
        for (Class<?> d : DESCRIPTORS) {
            for (Method m : d.getMethods()) {
                String n = m.getName();
                if (n.startsWith("doCheck") || n.startsWith("doTest") || n.equals("doFillCredentialsIdItems")) {
                    assertTrue(d.getSimpleName() + "." + n + " is not @POST", m.isAnnotationPresent(POST.class));
                    checked.add(d.getSimpleName() + "." + n);
                }
            }
        }
        assertEquals(checked.toString(), 24, checked.size());
    }

    @Test
    public void globalConfigurationIsConfigurationAsCodeShaped() throws Exception {
        Symbol symbol = K6CloudGlobalConfiguration.class.getAnnotation(Symbol.class);
        assertNotNull(symbol);
        assertArrayEquals(new String[] {"k6Cloud"}, symbol.value());
        int properties = 0;
        for (Method getter : K6CloudGlobalConfiguration.class.getDeclaredMethods()) {
            String n = getter.getName();
            boolean property = n.startsWith("get") && n.length() > 3 && getter.getParameterCount() == 0;
            if (property && !Modifier.isStatic(getter.getModifiers()) && !n.equals("getDisplayName")) {
                Method setter = K6CloudGlobalConfiguration.class.getMethod("set" + n.substring(3), String.class);
                assertTrue(setter + " is not a @DataBoundSetter", setter.isAnnotationPresent(DataBoundSetter.class));
                properties++;
            }
        }
        assertEquals(7, properties);
        for (Method m : K6CloudGlobalConfiguration.class.getDeclaredMethods()) {
            assertTrue("no hand-written form binding: " + m, !m.getName().equals("configure"));
        }
    }
}
