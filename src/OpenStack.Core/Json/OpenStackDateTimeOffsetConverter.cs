using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenStack.Json;

/// <summary>
/// Reads the timestamp formats OpenStack services emit (ISO-8601 with or without offset, with or
/// without fractional seconds, with 'T' or a space) and writes ISO-8601 UTC.
/// </summary>
/// <remarks>
/// A timestamp without an offset is read as UTC: services such as Nova and Cinder store UTC and
/// omit the designator. <see cref="Nullable{T}"/> properties are handled by System.Text.Json
/// itself, so no separate nullable converter exists.
/// </remarks>
public sealed class OpenStackDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a timestamp string but found {reader.TokenType}.");
        }

        // Fast path: System.Text.Json's own ISO-8601 reader, no string. It reports a missing offset as an
        // unspecified kind, which OpenStack means as UTC; an explicit offset is read again to keep it.
        if (reader.TryGetDateTime(out DateTime parsed))
        {
            switch (parsed.Kind)
            {
                case DateTimeKind.Unspecified:
                    return new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
                case DateTimeKind.Utc:
                    return new DateTimeOffset(parsed);
                default:
                    if (reader.TryGetDateTimeOffset(out DateTimeOffset withOffset)) return withOffset;
                    break;
            }
        }

        // Everything else it declines (a space for 'T', surrounding blanks, more than seven fractional digits).
        string? text = reader.GetString();
        if (TryParse(text, out DateTimeOffset value))
        {
            return value;
        }

        throw new JsonException($"'{text}' is not an ISO-8601 timestamp.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    /// <summary>
    /// Formats as <c>yyyy-MM-ddTHH:mm:ssZ</c>, or as the round-trip form in UTC when the value has
    /// fractional seconds, so that no precision is lost.
    /// </summary>
    /// <param name="value">The timestamp.</param>
    /// <returns>The ISO-8601 UTC text.</returns>
    public static string Format(DateTimeOffset value)
    {
        DateTime utc = value.UtcDateTime;
        return utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("O", CultureInfo.InvariantCulture);
    }

    /// <summary>Parses an OpenStack timestamp; one without an offset is taken as UTC.</summary>
    /// <param name="text">The timestamp text.</param>
    /// <param name="value">The parsed timestamp.</param>
    /// <returns><see langword="true"/> when the text is a timestamp.</returns>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = default;
            return false;
        }

        return DateTimeOffset.TryParse(
            text.Trim(),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
            out value);
    }
}
