using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace OpenStack.Auth;

// The shapes of Keystone's token response bodies (v3 and v2.0); only what AuthToken exposes is read.

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

    [JsonPropertyName("methods")]
    public List<string>? Methods { get; set; }

    [JsonPropertyName("system")]
    public KeystoneSystemScope? System { get; set; }

    [JsonPropertyName("OS-TRUST:trust")]
    public KeystoneNamedEntity? Trust { get; set; }

    [JsonPropertyName("application_credential")]
    public KeystoneNamedEntity? ApplicationCredential { get; set; }
}

internal sealed class KeystoneSystemScope
{
    [JsonPropertyName("all")]
    public bool All { get; set; }
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

internal sealed class KeystoneV2AccessEnvelope
{
    [JsonPropertyName("access")]
    public KeystoneV2Access? Access { get; set; }
}

internal sealed class KeystoneV2Access
{
    [JsonPropertyName("token")]
    public KeystoneV2Token? Token { get; set; }

    [JsonPropertyName("serviceCatalog")]
    public List<KeystoneV2Service>? ServiceCatalog { get; set; }

    [JsonPropertyName("user")]
    public KeystoneV2User? User { get; set; }
}

internal sealed class KeystoneV2Token
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("expires")]
    public DateTimeOffset? Expires { get; set; }

    [JsonPropertyName("issued_at")]
    public DateTimeOffset? IssuedAt { get; set; }

    [JsonPropertyName("tenant")]
    public KeystoneNamedEntity? Tenant { get; set; }
}

internal sealed class KeystoneV2Service
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("endpoints")]
    public List<KeystoneV2Endpoint>? Endpoints { get; set; }
}

internal sealed class KeystoneV2Endpoint
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("region")]
    public string? Region { get; set; }

    [JsonPropertyName("publicURL")]
    public string? PublicUrl { get; set; }

    [JsonPropertyName("internalURL")]
    public string? InternalUrl { get; set; }

    [JsonPropertyName("adminURL")]
    public string? AdminUrl { get; set; }
}

internal sealed class KeystoneV2User
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("username")]
    public string? Username { get; set; }

    [JsonPropertyName("roles")]
    public List<KeystoneNamedEntity>? Roles { get; set; }
}
