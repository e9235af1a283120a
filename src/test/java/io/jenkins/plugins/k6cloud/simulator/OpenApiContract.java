package io.jenkins.plugins.k6cloud.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A published OpenAPI 3.1 document (the Grafana Cloud k6 v6 schema) as a contract for what the
 * simulator journaled: for one {@link JournalEntry}, the operation its method and path name, its
 * path, query and header parameters, its bearer token, its body (JSON, multipart or raw) and the
 * answer (a documented status, its content type and its JSON body) are checked against the
 * document. Bodies are validated with JSON Schema 2020-12, the dialect of OpenAPI 3.1; {@code format}
 * is an annotation there, as the schema's own examples need ({@code created} without a zone).
 * swagger-parser reads and checks the document; the schemas are taken from it as written.
 */
public final class OpenApiContract {
    private record Template(String path, Pattern regex, List<String> names) {}

    private final JsonNode doc;
    private final List<Template> templates = new ArrayList<>();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<JsonNode, Schema> compiled = new IdentityHashMap<>();

    private OpenApiContract(JsonNode doc, Set<String> paths) {
        this.doc = doc;
        for (String p : paths) {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(p);
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(p.substring(last, m.start()))).append("([^/]+)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(p.substring(last)));
            templates.add(new Template(p, Pattern.compile(regex.toString()), names));
        }
    }

    /**
     * Reads {@code yaml}, which swagger-parser must find a valid OpenAPI 3.1 document. @throws IllegalStateException
     * saying what is wrong with it
     */
    public static OpenApiContract load(Path yaml) throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult parsed =
                new OpenAPIV3Parser().readLocation(yaml.toUri().toString(), null, options);
        if (parsed.getOpenAPI() == null
                || !parsed.getOpenAPI().getOpenapi().startsWith("3.1")
                || (parsed.getMessages() != null && !parsed.getMessages().isEmpty())) {
            throw new IllegalStateException(yaml + " is not a valid OpenAPI 3.1 document: " + parsed.getMessages());
        }
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile());
        return new OpenApiContract(doc, parsed.getOpenAPI().getPaths().keySet());
    }

    /** The path template of the document that {@code path} is an instance of, or {@code null}. */
    public String template(String path) {
        Template t = match(path);
        return t == null ? null : t.path();
    }

    private Template match(String path) {
        Template found = null;
        for (Template t : templates) {
            // a literal segment beats a parameter: /load_tests/{id} must not take /load_tests/{id}/script
            if (t.regex().matcher(path).matches()
                    && (found == null || t.names().size() < found.names().size())) {
                found = t;
            }
        }
        return found;
    }

    /** What in {@code e} breaks the contract; empty when the request and its answer conform. */
    public List<String> check(JournalEntry e) {
        List<String> problems = new ArrayList<>();
        String where = e.method() + " " + e.path() + (e.rawQuery() == null ? "" : "?" + e.rawQuery());
        Template t = match(e.path());
        JsonNode op = t == null
                ? null
                : doc.path("paths").path(t.path()).get(e.method().toLowerCase(Locale.ROOT));
        if (op == null) {
            problems.add(where + ": the schema has no such operation");
            return problems;
        }
        checkParameters(e, t, op, problems);
        checkSecurity(e, op, problems);
        checkRequestBody(e, op, problems);
        checkAnswer(e, op, problems);
        problems.replaceAll(p -> where + " -> " + e.status() + ": " + p);
        return problems;
    }

    private void checkParameters(JournalEntry e, Template t, JsonNode op, List<String> problems) {
        Matcher m = t.regex().matcher(e.path());
        m.matches();
        Set<String> declaredQuery = new HashSet<>();
        List<JsonNode> params = new ArrayList<>();
        doc.path("paths").path(t.path()).path("parameters").forEach(params::add);
        op.path("parameters").forEach(params::add);
        for (JsonNode raw : params) {
            JsonNode p = resolve(raw);
            String in = p.path("in").asText();
            String name = p.path("name").asText();
            boolean required = p.path("required").asBoolean(false);
            String value;
            switch (in) {
                case "path" ->
                    value = t.names().contains(name) ? m.group(t.names().indexOf(name) + 1) : null;
                case "query" -> {
                    declaredQuery.add(name);
                    value = e.param(name);
                }
                case "header" -> value = e.headers().get(name.toLowerCase(Locale.ROOT));
                default -> value = null;
            }
            if (value == null) {
                if (required) {
                    problems.add("the required " + in + " parameter " + name + " is missing");
                }
                continue;
            }
            validate(p.path("schema"), typed(p.path("schema"), value), in + " parameter " + name, problems);
        }
        for (String sent : e.params().keySet()) {
            if (!declaredQuery.contains(sent)) {
                problems.add("the query parameter " + sent + " is not declared");
            }
        }
    }

    private void checkSecurity(JournalEntry e, JsonNode op, List<String> problems) {
        JsonNode security = op.has("security") ? op.get("security") : doc.path("security");
        for (JsonNode requirement : security) {
            Iterator<String> schemes = requirement.fieldNames();
            while (schemes.hasNext()) {
                JsonNode scheme = doc.path("components").path("securitySchemes").path(schemes.next());
                if ("http".equals(scheme.path("type").asText())) {
                    String auth = e.headers().get("authorization");
                    String wanted = scheme.path("scheme").asText();
                    if (auth == null
                            || !auth.toLowerCase(Locale.ROOT).startsWith(wanted.toLowerCase(Locale.ROOT) + " ")) {
                        problems.add("Authorization is not " + wanted + " (" + auth + ")");
                    }
                }
            }
        }
    }

    private void checkRequestBody(JournalEntry e, JsonNode op, List<String> problems) {
        JsonNode body = op.has("requestBody") ? resolve(op.get("requestBody")) : null;
        String type = e.headers().get("content-type");
        if (body == null) {
            if (e.body().length > 0 || type != null) {
                problems.add("a body (" + type + ", " + e.body().length + " bytes) where the operation declares none");
            }
            return;
        }
        if (e.body().length == 0) {
            if (body.path("required").asBoolean(false)) {
                problems.add("the required body is missing");
            }
            return;
        }
        String media = mediaType(type);
        JsonNode content = media == null ? null : body.path("content").get(media);
        if (content == null) {
            problems.add("a body of type " + type + ", not one of " + names(body.path("content")));
            return;
        }
        JsonNode schema = content.path("schema");
        switch (media) {
            case "application/json" -> validate(schema, text(e.body()), "the body", problems);
            case "multipart/form-data" -> {
                try {
                    ObjectNode form = JsonNodeFactory.instance.objectNode();
                    for (Multipart.Part part : Multipart.parse(type, e.body()).parts()) {
                        // a file part is a binary string: only its presence is checked
                        form.put(part.name(), part.fileName() != null ? "(binary)" : part.text());
                    }
                    validate(schema, form.toString(), "the form", problems);
                } catch (BadRequestException x) {
                    problems.add("the multipart body is malformed: " + x.getMessage());
                }
            }
            default -> {
                // application/octet-stream: a binary string, any bytes
            }
        }
    }

    private void checkAnswer(JournalEntry e, JsonNode op, List<String> problems) {
        if (e.status() == 0) {
            problems.add("no answer (the connection was dropped)");
            return;
        }
        JsonNode responses = op.path("responses");
        JsonNode declared = responses.has(Integer.toString(e.status()))
                ? responses.get(Integer.toString(e.status()))
                : responses.get("default");
        if (declared == null) {
            problems.add("an answer the schema does not document (it has " + names(responses) + ")");
            return;
        }
        JsonNode content = resolve(declared).path("content");
        if (content.isEmpty()) {
            if (e.responseBody().length > 0) {
                problems.add("an answer with a body where the schema documents none");
            }
            return;
        }
        String media = mediaType(e.responseType());
        JsonNode ofType = media == null ? null : content.get(media);
        if (ofType == null) {
            problems.add("an answer of type " + e.responseType() + ", not one of " + names(content));
        } else if (media.equals("application/json")) {
            validate(ofType.path("schema"), text(e.responseBody()), "the answer", problems);
        }
    }

    /** Validates {@code json} against {@code schema} (a node of the document; its {@code $ref}s resolve in it). */
    private void validate(JsonNode schema, String json, String what, List<String> problems) {
        Schema s = compiled.computeIfAbsent(schema, node -> {
            ObjectNode wrapper = node.deepCopy();
            wrapper.set("components", doc.path("components"));
            return registry.getSchema(wrapper.toString(), InputFormat.JSON);
        });
        s.validate(json, InputFormat.JSON).forEach(err -> problems.add(what + ": " + err));
    }

    /** A parameter value as the JSON its schema's type makes of it (a non-number stays a string, and fails). */
    private static String typed(JsonNode schema, String value) {
        String type = schema.path("type").asText();
        if (type.equals("integer") && value.matches("-?\\d{1,18}")) {
            return value;
        }
        if (type.equals("boolean") && (value.equals("true") || value.equals("false"))) {
            return value;
        }
        return JsonNodeFactory.instance.textNode(value).toString();
    }

    /** {@code node}, or what its {@code $ref} (a local pointer) points to. */
    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : resolve(doc.at(ref.asText().substring(1)));
    }

    private static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
