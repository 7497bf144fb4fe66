using System;
using System.Reflection;
using System.Text.Json.Serialization;
using OpenStack.Http;
using Refit;
using Xunit;

namespace OpenStack.Tests.Core;

[JsonSerializable(typeof(string))]
internal sealed partial class RefitTestJsonContext : JsonSerializerContext
{
}

public class UrlParameterFormatterTests
{
    private static readonly ICustomAttributeProvider NoAttributes = typeof(UrlParameterFormatterTests);

    private static string? Format(object? value) =>
        new OpenStackUrlParameterFormatter().Format(value, NoAttributes, typeof(UrlParameterFormatterTests));

    [Fact]
    public void Booleans_are_lower_case()
    {
        Assert.Equal("true", Format(true));
        Assert.Equal("false", Format(false));
    }

    [Fact]
    public void Timestamps_are_iso_8601_utc()
    {
        Assert.Equal("2024-01-02T03:04:05Z", Format(new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2))));
        Assert.Equal("2024-01-02T03:04:05Z", Format(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
        Assert.Equal("2024-01-02T03:04:05Z", Format(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified)));
    }

    [Fact]
    public void Everything_else_is_formatted_as_refit_does()
    {
        var reference = new DefaultUrlParameterFormatter();
        Assert.Equal(reference.Format(42, NoAttributes, typeof(object)), Format(42));
        Assert.Equal("42", Format(42));
        Assert.Equal("abc", Format("abc"));
        Assert.Null(Format(null));
    }

    [Fact]
    public void Settings_use_the_context_and_the_formatter()
    {
        RefitSettings settings = OpenStackRefitSettings.Create(RefitTestJsonContext.Default);

        Assert.IsType<OpenStackUrlParameterFormatter>(settings.UrlParameterFormatter);
        Assert.Equal(RequestBodySerializationMode.Buffered, settings.RequestBodySerialization);
        Assert.NotNull(settings.ContentSerializer);
    }
}
