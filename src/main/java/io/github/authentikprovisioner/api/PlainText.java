package io.github.authentikprovisioner.api;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Every string a caller sends is plain text: no NUL and no other control character but tab, newline and carriage
 * return. authentik refuses NUL in any text field (DRF's {@code ProhibitNullCharactersValidator}), which would reach
 * callers as a 502 after other objects of the recipe were written; escape sequences would end up in logs and labels.
 * Refused while the body is read, so the answer is a 400 naming the field and authentik is never called.
 */
@Singleton
public class PlainText implements ObjectMapperCustomizer {

    /** What the 400 says about such a field. */
    public static final String MESSAGE = "must not contain control characters (NUL, escape sequences)";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("plain-text").addDeserializer(String.class, new Strict()));
    }

    private static final class Strict extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null && value.chars().anyMatch(PlainText::control)) {
                throw new InvalidFormatException(p, MESSAGE, "(not shown)", String.class);
            }
            return value;
        }
    }

    private static boolean control(int c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f;
    }
}
