package dev.lmqharness.kit.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rule catalogue, loaded once from {@code /conformance/rules.json} on the class path. */
public final class RuleCatalogue {
    public static final String RESOURCE = "/conformance/rules.json";
    private static volatile RuleCatalogue instance;

    private final Map<String, CatalogueRule> rules;

    private RuleCatalogue(Map<String, CatalogueRule> rules) {
        this.rules = rules;
    }

    public static RuleCatalogue get() {
        RuleCatalogue c = instance;
        if (c == null) {
            synchronized (RuleCatalogue.class) {
                c = instance;
                if (c == null) {
                    c = load();
                    instance = c;
                }
            }
        }
        return c;
    }

    private static RuleCatalogue load() {
        ObjectMapper om = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = RuleCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            JsonNode root = om.readTree(in);
            Map<String, CatalogueRule> byId = new LinkedHashMap<>();
            for (JsonNode n : root.get("rules")) {
                CatalogueRule r = om.treeToValue(n, CatalogueRule.class);
                if (byId.put(r.id(), r) != null) {
                    throw new IllegalStateException("duplicate rule ID in catalogue: " + r.id());
                }
            }
            return new RuleCatalogue(byId);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public Optional<CatalogueRule> find(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    public CatalogueRule require(String id) {
        CatalogueRule r = rules.get(id);
        if (r == null) {
            throw new IllegalStateException("rule " + id + " is not in the catalogue " + RESOURCE);
        }
        return r;
    }

    public Collection<CatalogueRule> all() {
        return rules.values();
    }

    public List<CatalogueRule> mqttStatements() {
        return rules.values().stream().filter(r -> !r.isLmq()).toList();
    }

    public List<CatalogueRule> lmqRules() {
        return rules.values().stream().filter(CatalogueRule::isLmq).toList();
    }
}
