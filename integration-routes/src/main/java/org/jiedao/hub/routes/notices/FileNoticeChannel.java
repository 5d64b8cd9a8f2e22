package org.jiedao.hub.routes.notices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Delivers a notice as a file {@code <notice id>.json} in a directory (UTF-8 JSON, the body of
 * {@link HttpNoticeChannel}'s {@code notice} shape), written as {@code .<id>.json.part} and then renamed, so a reader
 * never sees half a file; a second attempt replaces the file with the same content under the same name.
 */
public final class FileNoticeChannel implements NoticeChannel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path directory;

    /** @param directory the drop directory (created when needed) */
    public FileNoticeChannel(Path directory) {
        this.directory = directory;
    }

    @Override
    public void send(Notice notice) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("noticeId", notice.id());
        body.put("service", notice.service());
        body.put("idNumber", notice.idNumber());
        body.put("name", notice.name());
        body.put("phone", notice.phone());
        body.put("text", notice.text());
        Path part = directory.resolve("." + notice.id() + ".json.part");
        Files.write(part, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
        Files.move(part, directory.resolve(notice.id() + ".json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String describe() {
        return "file " + directory;
    }
}
