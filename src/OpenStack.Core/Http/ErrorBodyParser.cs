using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpenStack.Http;

/// <summary>
/// Reads the error bodies of the different OpenStack services, which share no common format:
/// Keystone's <c>{"error":{...}}</c>, Glance's flat JSON or HTML pages, Nova and Cinder's
/// <c>{"faultName":{...}}</c>, Neutron's <c>{"NeutronError":{...}}</c>, Placement's
/// <c>{"errors":[...]}</c>, and Swift's plain text or HTML.
/// </summary>
internal static partial class ErrorBodyParser
{
    private const int MaxMessageLength = 2000;

    public static ParsedError Parse(string? body, string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return default;
        }

        string trimmed = body.TrimStart();
        if (trimmed.StartsWith('{') && TryParseJson(trimmed, out ParsedError parsed))
        {
            return parsed;
        }

        bool isHtml = (mediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false)
            || trimmed.StartsWith('<');
        return new ParsedError(isHtml ? HtmlToText(trimmed) : Clean(trimmed), null, null);
    }

    private static bool TryParseJson(string json, out ParsedError parsed)
    {
        parsed = default;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            parsed = ParseJsonObject(root);
            return true;
        }
    }

    private static ParsedError ParseJsonObject(JsonElement root)
    {
        if (root.TryGetProperty("NeutronError", out JsonElement neutron))
        {
            return ParseNeutron(neutron);
        }

        if (root.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array)
        {
            return ParsePlacement(errors);
        }

        if (root.TryGetProperty("error", out JsonElement keystone))
        {
            return keystone.ValueKind == JsonValueKind.Object
                ? new ParsedError(
                    Clean(GetString(keystone, "message")),
                    GetString(keystone, "title") ?? GetString(keystone, "type"),
                    null)
                : new ParsedError(Clean(ScalarText(keystone)), null, null);
        }

        if (GetString(root, "message") is string flatMessage)
        {
            // Glance: {"message": "...", "code": "404 Not Found", "title": "Not Found"}
            return new ParsedError(Clean(flatMessage), GetString(root, "title"), null);
        }

        if (GetString(root, "error_message") is string ironicMessage)
        {
            return new ParsedError(Clean(UnwrapFaultString(ironicMessage)), null, null);
        }

        if (GetString(root, "faultstring") is string faultString)
        {
            return new ParsedError(Clean(faultString), GetString(root, "faultcode"), null);
        }

        // Nova and Cinder: a single key naming the fault, e.g. {"itemNotFound": {"code": 404, "message": "..."}}
        JsonElement fault = default;
        string? faultName = null;
        int count = 0;
        foreach (JsonProperty property in root.EnumerateObject())
        {
            count++;
            faultName = property.Name;
            fault = property.Value;
        }

        if (count == 1 && fault.ValueKind == JsonValueKind.Object)
        {
            return new ParsedError(Clean(GetString(fault, "message") ?? GetString(fault, "explanation")), faultName, null);
        }

        if (count == 1 && fault.ValueKind == JsonValueKind.String)
        {
            return new ParsedError(Clean(fault.GetString()), faultName, null);
        }

        return default;
    }

    private static ParsedError ParseNeutron(JsonElement neutron)
    {
        if (neutron.ValueKind != JsonValueKind.Object)
        {
            return new ParsedError(Clean(ScalarText(neutron)), null, null);
        }

        string? message = GetString(neutron, "message");
        string? detail = GetString(neutron, "detail");
        if (!string.IsNullOrWhiteSpace(detail) && !string.Equals(detail, message, StringComparison.Ordinal))
        {
            message = string.IsNullOrWhiteSpace(message) ? detail : message + " (" + detail + ")";
        }

        return new ParsedError(Clean(message), GetString(neutron, "type"), null);
    }

    private static ParsedError ParsePlacement(JsonElement errors)
    {
        var messages = new List<string>();
        string? code = null;
        string? requestId = null;
        foreach (JsonElement error in errors.EnumerateArray())
        {
            if (error.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            string? text = Clean(GetString(error, "detail") ?? GetString(error, "title"));
            if (!string.IsNullOrEmpty(text))
            {
                messages.Add(text);
            }

            code ??= GetString(error, "code") ?? GetString(error, "title");
            requestId ??= GetString(error, "request_id");
        }

        return new ParsedError(messages.Count == 0 ? null : string.Join("; ", messages), code, requestId);
    }

    // Ironic nests a JSON document in a string: {"error_message": "{\"faultstring\": \"...\"}"}.
    private static string UnwrapFaultString(string text)
    {
        if (!text.TrimStart().StartsWith('{'))
        {
            return text;
        }

        try
        {
            using JsonDocument inner = JsonDocument.Parse(text);
            return inner.RootElement.ValueKind == JsonValueKind.Object
                && GetString(inner.RootElement, "faultstring") is string fault
                ? fault
                : text;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? ScalarText(value) : null;

    private static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    /// <summary>
    /// Extracts readable text from an HTML error page: the title, then the body text without a
    /// repeat of the title, e.g. <c>404 Not Found: No image found with ID x</c>.
    /// </summary>
    internal static string? HtmlToText(string html)
    {
        string? title = InnerText(TitleElement().Match(html));
        string bodyHtml = HeadElement().Replace(html, " ");
        bodyHtml = ScriptOrStyleElement().Replace(bodyHtml, " ");
        if (title is null)
        {
            // Swift and plain WSGI pages carry no <title>, only a heading.
            title = InnerText(HeadingElement().Match(bodyHtml));
        }

        string text = Clean(WebUtility.HtmlDecode(AnyTag().Replace(bodyHtml, " "))) ?? string.Empty;
        if (title is not null && text.StartsWith(title, StringComparison.Ordinal))
        {
            text = text[title.Length..].TrimStart(' ', ':', '-', '.');
        }

        if (title is null)
        {
            return text.Length == 0 ? null : text;
        }

        return text.Length == 0 ? title : title + ": " + text;
    }

    private static string? InnerText(Match match) =>
        match.Success ? Clean(WebUtility.HtmlDecode(AnyTag().Replace(match.Groups[1].Value, " "))) : null;

    /// <summary>Turns line-break tags into spaces, collapses whitespace and bounds the length.</summary>
    internal static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        // WebOb embeds "<br /><br />" in messages that Glance and Nova then put into JSON.
        text = LineBreakTag().Replace(text, " ");
        text = Whitespace().Replace(text, " ").Trim();
        if (text.Length > MaxMessageLength)
        {
            text = text[..MaxMessageLength] + "…";
        }

        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex(@"<title[^>]*>(.*?)</title\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TitleElement();

    [GeneratedRegex(@"<h1[^>]*>(.*?)</h1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex HeadingElement();

    [GeneratedRegex(@"<head[^>]*>.*?</head\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex HeadElement();

    [GeneratedRegex(@"<(script|style)[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptOrStyleElement();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreakTag();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
