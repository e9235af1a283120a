package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** {@code GET /cloud/v6/projects}: the one project of the stack; the plugin's v6 token check. */
final class V6ProjectsRoute extends AbstractRoute {
    V6ProjectsRoute() {
        super(Endpoint.TOKEN, "GET", "/cloud/v6/projects/?");
    }

    @Override
    public SimResponse handle(RouteCall call) {
        JsonObject project = new JsonObject();
        project.addProperty("id", RunStore.PROJECT_ID);
        project.addProperty("name", "Default project");
        project.addProperty("is_default", true);
        project.addProperty("grafana_folder_uid", "sim-folder");
        project.addProperty("created", "2024-12-03T09:53:00.553");
        project.addProperty("updated", "2024-12-03T09:53:00.553");
        project.add("labels", new JsonObject());
        JsonArray value = new JsonArray();
        value.add(project);
        JsonObject body = new JsonObject();
        body.add("value", value);
        return SimResponse.json(200, body);
    }
}
