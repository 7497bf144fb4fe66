using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace OpenStack.Auth;

// The shape of Keystone's token response body; only what AuthToken exposes is read.

internal sealed class KeystoneTokenEnvelope
{
    [JsonPropertyName("token")]
    public KeystoneTokenBody? Token { get; set; }
}

internal sealed class KeystoneTokenBody
{
    [JsonPropertyName("expires_at")]
    public DateTimeOffset? ExpiresAt { get; set; }

    [JsonPropertyName("issued_at")]
    public DateTimeOffset? IssuedAt { get; set; }

    [JsonPropertyName("user")]
    public KeystoneNamedEntity? User { get; set; }

    [JsonPropertyName("project")]
    public KeystoneNamedEntity? Project { get; set; }

    [JsonPropertyName("domain")]
    public KeystoneNamedEntity? Domain { get; set; }

    [JsonPropertyName("roles")]
    public List<KeystoneNamedEntity>? Roles { get; set; }

    [JsonPropertyName("catalog")]
    public List<KeystoneCatalogService>? Catalog { get; set; }
}

internal sealed class KeystoneNamedEntity
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("domain")]
    public KeystoneNamedEntity? Domain { get; set; }
}

internal sealed class KeystoneCatalogService
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("endpoints")]
    public List<KeystoneCatalogEndpoint>? Endpoints { get; set; }
}

internal sealed class KeystoneCatalogEndpoint
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("interface")]
    public string? Interface { get; set; }

    [JsonPropertyName("region")]
    public string? Region { get; set; }

    [JsonPropertyName("region_id")]
    public string? RegionId { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }
}
