package io.basicflow.ai;

import io.basicflow.spi.KeywordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The MCP servers of a bot, read from its {@code mcp.csv} ({@code basicflow.ai.mcp-file}): columns
 * {@code name,type,command,args,description,enabled,auth_type,auth_env,risk_level,requires_approval},
 * a header line, {@code #} comment lines, fields in double quotes when they hold commas.
 */
final class McpServers {

    /** One line of {@code mcp.csv}. */
    record Server(
            String name,
            String type,
            String command,
            List<String> args,
            String description,
            boolean enabled,
            String authType,
            String authEnv,
            String riskLevel,
            boolean requiresApproval) {

        /** What identifies a connection: the same server line gives the same connection. */
        String connectionKey() {
            return String.join("\u0000", name, type, command, String.join(" ", args), authType, authEnv);
        }
    }

    private static final List<String> COLUMNS = List.of(
            "name",
            "type",
            "command",
            "args",
            "description",
            "enabled",
            "auth_type",
            "auth_env",
            "risk_level",
            "requires_approval");

    private McpServers() {}

    /** The file named by {@code basicflow.ai.mcp-file}, or a failure that says to set it. */
    static Path file(AiSettings settings, String keyword) throws KeywordException {
        return settings.value("mcp-file")
                .map(value -> Path.of(value.strip()))
                .orElseThrow(
                        () -> KeywordException.permanent(
                                keyword + ": no MCP servers are configured; set"
                                        + " basicflow.ai.mcp-file to the bot's mcp.csv (name,type,command,args,description,enabled,…)"));
    }

    /** The server of that name (case-sensitive, as General Bots compares it), enabled. */
    static Server server(AiSettings settings, String keyword, String name) throws KeywordException {
        Path file = file(settings, keyword);
        Map<String, Server> servers = read(file);
        Server server = servers.get(name);
        if (server == null) {
            throw KeywordException.permanent(keyword + ": MCP server '" + name + "' not found in " + file
                    + (servers.isEmpty()
                            ? " (it lists none)"
                            : " (it lists " + String.join(", ", servers.keySet()) + ")"));
        }
        if (!server.enabled()) {
            throw KeywordException.permanent(keyword + ": MCP server '" + name + "' is disabled in " + file
                    + " (enabled=false); set it to true to use it");
        }
        if (server.requiresApproval()) {
            throw KeywordException.permanent(keyword + ": MCP server '" + name + "' has requires_approval=true in "
                    + file + ", and basicflow has no approval step for MCP calls; set it to false to allow the calls");
        }
        return server;
    }

    /** Every server line of the file, by name, in file order. */
    static Map<String, Server> read(Path file) throws KeywordException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw KeywordException.permanent(
                    "cannot read the MCP server list " + file + " (basicflow.ai.mcp-file): " + e);
        }
        Map<String, Server> servers = new LinkedHashMap<>();
        List<String> header = null;
        int number = 0;
        for (String line : lines) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(trimmed);
            if (header == null && fields.getFirst().strip().equalsIgnoreCase("name")) {
                header = fields.stream()
                        .map(f -> f.strip().toLowerCase(Locale.ROOT))
                        .toList();
                continue;
            }
            List<String> columns = header == null ? COLUMNS : header;
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                // lines may carry the later columns (auth_type, auth_env, …) beyond a shorter header
                String column = i < columns.size() ? columns.get(i) : i < COLUMNS.size() ? COLUMNS.get(i) : "";
                row.put(column, fields.get(i).strip());
            }
            String name = row.getOrDefault("name", "");
            String type = row.getOrDefault("type", "").toLowerCase(Locale.ROOT);
            String command = row.getOrDefault("command", "");
            if (name.isEmpty() || type.isEmpty() || command.isEmpty()) {
                throw KeywordException.permanent(
                        file + ":" + number + ": an MCP server line needs name, type and command, found: " + line);
            }
            String args = row.getOrDefault("args", "");
            servers.put(
                    name,
                    new Server(
                            name,
                            type,
                            command,
                            args.isBlank() ? List.of() : List.of(args.strip().split("\\s+")),
                            row.getOrDefault("description", ""),
                            flag(row.get("enabled"), true),
                            row.getOrDefault("auth_type", "").isBlank()
                                    ? "none"
                                    : row.get("auth_type").toLowerCase(Locale.ROOT),
                            row.getOrDefault("auth_env", ""),
                            row.getOrDefault("risk_level", ""),
                            flag(row.get("requires_approval"), false)));
        }
        return servers;
    }

    private static boolean flag(String value, boolean otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> otherwise;
        };
    }

    /** The fields of a CSV line: commas split, double quotes group, {@code ""} is a quote. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** The credential of a server: its {@code auth_env} variable, or the setting {@code mcp-secret.<NAME>}. */
    static Optional<String> credential(Server server, AiSettings settings) {
        if (server.authEnv().isBlank()) {
            return Optional.empty();
        }
        String value = System.getenv(server.authEnv());
        if (value != null && !value.isBlank()) {
            return Optional.of(value);
        }
        return settings.value("mcp-secret." + server.authEnv());
    }
}
