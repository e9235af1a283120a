package io.jenkins.plugins.k6cloud.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** What k6 Cloud checks of an uploaded script, and how it refuses one. */
final class V6Scripts {
    /** k6 Cloud's answer to a script that is neither an archive nor UTF-8 text. */
    static final String NOT_UTF8 = "Uploaded content must be a javascript text encoded in UTF-8";

    private static final String HTML_413 = "<html><head><title>413 Request Entity Too Large</title></head><body>"
            + "<center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx</center></body></html>";

    private V6Scripts() {}

    /** A k6 {@code .tar} archive (the ustar magic at 257) passes; anything else must be UTF-8 text. */
    static void check(byte[] script) {
        if (isTar(script)) {
            return;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(script));
        } catch (CharacterCodingException e) {
            throw new BadRequestException(NOT_UTF8);
        }
    }

    static boolean isTar(byte[] b) {
        return b.length >= 262 && b[257] == 'u' && b[258] == 's' && b[259] == 't' && b[260] == 'a' && b[261] == 'r';
    }

    /**
     * 413 as the proxy in front of the API answers a body over its limit (an HTML page): the v6 schema documents no 413
     * and no size limit.
     */
    static SimResponse tooLarge() {
        return SimResponse.text(413, "text/html", HTML_413);
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(HttpFrontend.Body.newDigest().digest(data));
    }
}
