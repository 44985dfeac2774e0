package io.github.todo.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against a schema of an OpenAPI 3.1 document: the JSON Schema keywords our
 * document uses ({@code $ref}, {@code type}, {@code const}, {@code enum}, {@code required},
 * {@code properties}, {@code additionalProperties: false}, {@code items}, {@code minimum},
 * {@code maximum}, {@code minLength}, {@code maxLength}, {@code pattern}). Others are annotations here.
 */
final class JsonSchemas {

    private final JsonObject document;

    JsonSchemas(JsonObject document) {
        this.document = document;
    }

    /** What is wrong with {@code value}, one line each; empty when it fits. */
    List<String> check(JsonElement value, JsonObject schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    /** The object a local {@code $ref} such as {@code #/components/schemas/Task} points to. */
    JsonObject resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new AssertionError("only local references are used: " + ref);
        }
        JsonElement node = document;
        for (String part : ref.substring(2).split("/")) {
            node = node.getAsJsonObject().get(part.replace("~1", "/").replace("~0", "~"));
            if (node == null) {
                throw new AssertionError("dangling reference " + ref);
            }
        }
        return node.getAsJsonObject();
    }

    private void check(JsonElement value, JsonObject schema, String at, List<String> problems) {
        if (schema.has("$ref")) {
            check(value, resolve(schema.get("$ref").getAsString()), at, problems);
            return;
        }
        if (schema.has("type") && !typeMatches(value, schema.get("type"))) {
            problems.add(at + ": " + value + " is not of type " + schema.get("type"));
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(at + ": " + value + " is not " + schema.get("const"));
        }
        if (schema.has("enum") && !schema.getAsJsonArray("enum").contains(value)) {
            problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isJsonObject()) {
            checkObject(value.getAsJsonObject(), schema, at, problems);
        } else if (value.isJsonArray() && schema.has("items")) {
            for (int i = 0; i < value.getAsJsonArray().size(); i++) {
                check(value.getAsJsonArray().get(i), schema.getAsJsonObject("items"), at + "[" + i + "]", problems);
            }
        } else if (value.isJsonPrimitive()) {
            checkPrimitive(value.getAsJsonPrimitive(), schema, at, problems);
        }
    }

    private void checkObject(JsonObject object, JsonObject schema, String at, List<String> problems) {
        if (schema.has("required")) {
            schema.getAsJsonArray("required").forEach(name -> {
                if (!object.has(name.getAsString())) {
                    problems.add(at + ": " + name.getAsString() + " is missing");
                }
            });
        }
        JsonObject properties = schema.has("properties") ? schema.getAsJsonObject("properties") : new JsonObject();
        for (Map.Entry<String, JsonElement> member : object.entrySet()) {
            if (properties.has(member.getKey())) {
                check(member.getValue(), properties.getAsJsonObject(member.getKey()), at + "." + member.getKey(), problems);
            } else if (schema.has("additionalProperties") && !schema.get("additionalProperties").getAsBoolean()) {
                problems.add(at + ": " + member.getKey() + " is not allowed");
            }
        }
    }

    private static void checkPrimitive(JsonPrimitive value, JsonObject schema, String at, List<String> problems) {
        if (value.isNumber()) {
            double number = value.getAsDouble();
            if (schema.has("minimum") && number < schema.get("minimum").getAsDouble()
                    || schema.has("maximum") && number > schema.get("maximum").getAsDouble()) {
                problems.add(at + ": " + value + " is out of range");
            }
        } else if (value.isString()) {
            String text = value.getAsString();
            int length = text.codePointCount(0, text.length());
            if (schema.has("minLength") && length < schema.get("minLength").getAsInt()
                    || schema.has("maxLength") && length > schema.get("maxLength").getAsInt()) {
                problems.add(at + ": the length " + length + " is out of range");
            }
            if (schema.has("pattern") && !java.util.regex.Pattern.compile(schema.get("pattern").getAsString()).matcher(text).find()) {
                problems.add(at + ": " + value + " does not match " + schema.get("pattern"));
            }
        }
    }

    private static boolean typeMatches(JsonElement value, JsonElement type) {
        if (type.isJsonArray()) {
            for (JsonElement each : type.getAsJsonArray()) {
                if (typeMatches(value, each)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.getAsString()) {
            case "object" -> value.isJsonObject();
            case "array" -> value.isJsonArray();
            case "null" -> value.isJsonNull();
            case "string" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
            case "boolean" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean();
            case "number" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
            case "integer" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()
                    && value.getAsBigDecimal().stripTrailingZeros().scale() <= 0;
            default -> throw new AssertionError("unknown type " + type);
        };
    }
}
