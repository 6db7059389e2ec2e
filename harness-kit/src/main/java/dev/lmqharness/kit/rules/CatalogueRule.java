package dev.lmqharness.kit.rules;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * One rule of the catalogue: an LMQ rule of RULES.md or an MQTT 3.1.1 normative statement.
 * {@code covered} says the suite has a test for it; uncovered statements say why.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CatalogueRule(String id,
                            String kind,
                            String area,
                            String title,
                            String source,
                            String assertion,
                            List<String> profiles,
                            boolean wireTestable,
                            boolean covered,
                            String notCoveredBecause) {

    public boolean isLmq() {
        return "lmq".equals(kind);
    }

    public boolean appliesTo(String profileKey) {
        return profiles.contains(profileKey);
    }
}
