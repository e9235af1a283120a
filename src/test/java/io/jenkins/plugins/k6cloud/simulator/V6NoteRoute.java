package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;

/**
 * {@code PATCH /cloud/v6/test_runs/{id}} {@code {"note": "..."}} ({@code PatchTestRunApiModel}: only
 * {@code note}, required): 204 and the run's note is set; 400 for any other body.
 */
final class V6NoteRoute extends RunRoute {
    V6NoteRoute(SimCore core) {
        super(core, Endpoint.NOTE, "PATCH", "/cloud/v6/test_runs/(\\d+)/?", V6Errors::notFound);
    }

    @Override
    SimResponse handle(SimRun run, RouteCall call) {
        JsonObject body;
        try {
            JsonElement e = JsonParser.parseString(new String(call.request().body(), StandardCharsets.UTF_8));
            body = e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            body = null;
        }
        JsonElement note = body == null ? null : body.get("note");
        if (note == null
                || !note.isJsonPrimitive()
                || !note.getAsJsonPrimitive().isString()
                || body.size() != 1) {
            throw new BadRequestException("The body must be {\"note\": \"...\"} and nothing else.");
        }
        run.note(note.getAsString());
        return SimResponse.noContent();
    }
}
