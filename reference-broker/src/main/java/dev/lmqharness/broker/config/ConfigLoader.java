package dev.lmqharness.broker.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads the broker's YAML file over a base config (normally {@link BrokerConfig#defaults()}).
 *
 * <p>The file is bound to small section classes ({@code ConfigFile}, {@code ListenersSection},
 * ...) with unknown keys refused, then merged into the records and checked by
 * {@link BrokerConfigValidator}. Every error is a {@link ConfigException} whose message starts
 * with the key path, e.g. {@code listeners.tcp.prot: unknown key (known: enabled, host, path, port)}.
 * Relative file paths in the file (data directory, key store, PEM files) are relative to the
 * working directory, like the command-line flags.
 */
public final class ConfigLoader {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)   // "max-inflight: 1.5" is an error, not 1
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)  // a key written twice is an error
            .withCoercionConfig(LogicalType.Boolean,                 // "fsync: 1" is an error, not true
                    c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .build();

    private ConfigLoader() {
    }

    /** Defaults, then the file; fully validated. */
    public static BrokerConfig load(Path file) {
        return BrokerConfigValidator.validate(read(file, BrokerConfig.defaults()));
    }

    /**
     * The file applied over {@code base}, with its keys and values checked but without the final
     * {@link BrokerConfigValidator} pass (so that command-line flags can still change the result).
     */
    public static BrokerConfig read(Path file, BrokerConfig base) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(null, "config file not found: " + file);
        } catch (IOException e) {
            throw new ConfigException(null, "cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return parse(yaml, base);
    }

    /** Parses YAML text over {@code base} (keys and values checked, no final validation). */
    public static BrokerConfig parse(String yaml, BrokerConfig base) {
        Objects.requireNonNull(base, "base");
        ConfigFile file;
        try {
            // a file of comments only is an empty config, not an error
            JsonNode tree = MAPPER.readTree(yaml);
            file = tree == null || tree.isMissingNode() || tree.isNull() ? null : MAPPER.readValue(yaml, ConfigFile.class);
        } catch (JsonProcessingException e) {
            throw translate(e);
        }
        return file == null ? base : file.applyTo(base);
    }

    private static ConfigException translate(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return new ConfigException(path(u), "unknown key" + known(u.getKnownPropertyIds()), e);
        }
        if (e instanceof InvalidFormatException f) {
            return new ConfigException(path(f), "expected " + describe(f.getTargetType()) + ", was '" + f.getValue() + "'", e);
        }
        if (e instanceof MismatchedInputException m && !path(m).isEmpty()) {
            return new ConfigException(path(m), "expected " + describe(m.getTargetType()), e);
        }
        if (e instanceof JsonMappingException m && !path(m).isEmpty()) {
            return new ConfigException(path(m), e.getOriginalMessage(), e);
        }
        String duplicate = duplicateKey(e);
        if (duplicate != null) {
            return new ConfigException(duplicate, "key written twice", e);
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return new ConfigException(null, "not valid YAML: " + where + problem(e.getOriginalMessage()), e);
    }

    /** The key path of a duplicate key, from the parser's position when it noticed. */
    private static String duplicateKey(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null || !m.startsWith("Duplicate field") || !(e.getProcessor() instanceof JsonParser parser)) {
            return null;
        }
        JsonStreamContext ctx = parser.getParsingContext();
        String pointer = ctx == null ? "" : ctx.pathAsPointer().toString();
        return pointer.isEmpty() ? null : pointer.substring(1).replace('/', '.');
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        return " (known: " + new TreeSet<>(ids.stream().map(String::valueOf).toList()).stream()
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value";
        }
        return "a section of key: value pairs";
    }

    /** SnakeYAML's message without its position lines and source snippet, on one line. */
    private static String problem(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String line : message.split("\n")) {
            if (line.isBlank() || line.startsWith(" in ")) {
                break;
            }
            out.append(out.length() == 0 ? "" : "; ").append(line.trim());
        }
        return out.toString();
    }
}
