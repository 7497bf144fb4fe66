using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenStack.Json;
using Xunit;

namespace OpenStack.Tests.Core;

public sealed class Stamped
{
    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("deleted_at")]
    public DateTimeOffset? DeletedAt { get; set; }
}

[JsonSourceGenerationOptions(Converters = [typeof(OpenStackDateTimeOffsetConverter)])]
[JsonSerializable(typeof(Stamped))]
internal sealed partial class DateTestJsonContext : JsonSerializerContext
{
}

public class DateTimeOffsetConverterTests
{
    private static Stamped Read(string json) =>
        JsonSerializer.Deserialize(json, DateTestJsonContext.Default.Stamped) ?? throw new InvalidOperationException();

    [Theory]
    [InlineData("2024-01-02T03:04:05Z", 0)]
    [InlineData("2024-01-02T03:04:05", 0)]
    [InlineData("2024-01-02T03:04:05.000000", 0)]
    [InlineData("2024-01-02 03:04:05", 0)]
    [InlineData("2024-01-02T05:04:05+02:00", 0)]
    [InlineData("2024-01-02T03:04:05.123456", 1234560)]
    [InlineData("2024-01-02T03:04:05.123456Z", 1234560)]
    [InlineData("2024-01-02T03:04:05.1234567Z", 1234567)]
    [InlineData(" 2024-01-02T03:04:05Z ", 0)]
    [InlineData("2024-01-02T04:34:05.5+01:30", 5000000)]
    public void Reads_openstack_timestamps_as_the_right_instant(string text, long extraTicks)
    {
        Stamped value = Read($$"""{"created_at":"{{text}}"}""");

        var expected = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(extraTicks);
        Assert.Equal(expected, value.CreatedAt);
        Assert.Equal(expected.UtcDateTime, value.CreatedAt.UtcDateTime);
    }

    [Fact]
    public void A_timestamp_without_offset_is_utc_not_local()
    {
        Stamped value = Read("""{"created_at":"2024-07-01T12:00:00"}""");

        Assert.Equal(TimeSpan.Zero, value.CreatedAt.Offset);
    }

    [Fact]
    public void An_explicit_offset_is_kept()
    {
        Stamped value = Read("""{"created_at":"2024-01-02T05:04:05+02:00"}""");

        Assert.Equal(TimeSpan.FromHours(2), value.CreatedAt.Offset);
        Assert.Equal(new DateTime(2024, 1, 2, 5, 4, 5), value.CreatedAt.DateTime);
    }

    [Fact]
    public void Nullable_properties_use_the_converter_and_accept_null()
    {
        Stamped withNull = Read("""{"created_at":"2024-01-02T03:04:05Z","deleted_at":null}""");
        Stamped withValue = Read("""{"created_at":"2024-01-02T03:04:05Z","deleted_at":"2024-01-03T00:00:00.000000"}""");

        Assert.Null(withNull.DeletedAt);
        Assert.Equal(new DateTimeOffset(2024, 1, 3, 0, 0, 0, TimeSpan.Zero), withValue.DeletedAt);
        Assert.Equal(TimeSpan.Zero, withValue.DeletedAt?.Offset);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("12345")]
    [InlineData("\"\"")]
    public void Rejects_non_timestamps(string json)
    {
        Assert.Throws<JsonException>(() => Read($$"""{"created_at":{{json}}}"""));
    }

    [Fact]
    public void Writes_whole_seconds_as_compact_utc()
    {
        var value = new Stamped { CreatedAt = new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)) };

        string json = JsonSerializer.Serialize(value, DateTestJsonContext.Default.Stamped);

        Assert.Equal("""{"created_at":"2024-01-02T03:04:05Z","deleted_at":null}""", json);
    }

    [Fact]
    public void Writes_fractional_seconds_in_round_trip_form()
    {
        var value = new Stamped
        {
            CreatedAt = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567),
            DeletedAt = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 500, TimeSpan.Zero),
        };

        string json = JsonSerializer.Serialize(value, DateTestJsonContext.Default.Stamped);

        Assert.Equal("""{"created_at":"2024-01-02T03:04:05.1234567Z","deleted_at":"2024-01-02T03:04:05.5000000Z"}""", json);
        Assert.Equal(value.CreatedAt, Read(json).CreatedAt);
    }
}
