using System;
using System.Globalization;
using System.Reflection;
using Refit;

namespace OpenStack.Http;

/// <summary>
/// Formats path and query values the way OpenStack APIs parse them: lower-case booleans and
/// ISO-8601 UTC timestamps; everything else as Refit does by default.
/// </summary>
public sealed class OpenStackUrlParameterFormatter : DefaultUrlParameterFormatter
{
    /// <inheritdoc />
    public override string? Format(object? value, ICustomAttributeProvider attributeProvider, Type type) => value switch
    {
        // bool.ToString() gives "True", which several services reject as not a boolean.
        bool flag => flag ? "true" : "false",
        DateTimeOffset timestamp => FormatUtc(timestamp.UtcDateTime),
        DateTime time => FormatUtc(time.Kind switch
        {
            DateTimeKind.Local => time.ToUniversalTime(),
            // OpenStack timestamps are UTC; an unspecified kind is read the same way.
            _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        }),
        _ => base.Format(value, attributeProvider, type),
    };

    private static string FormatUtc(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
