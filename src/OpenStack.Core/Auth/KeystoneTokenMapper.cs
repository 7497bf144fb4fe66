using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using OpenStack.Catalog;

namespace OpenStack.Auth;

/// <summary>Turns Keystone's token responses (v3 and v2.0) into an <see cref="AuthToken"/>.</summary>
internal static class KeystoneTokenMapper
{
    public static AuthToken FromV3(string tokenValue, KeystoneTokenBody body)
    {
        if (body.ExpiresAt is not DateTimeOffset expiresAt)
        {
            throw new InvalidDataException("Keystone's token response has no \"expires_at\".");
        }

        KeystoneNamedEntity? scopeDomain = body.Domain ?? body.Project?.Domain;
        var roles = new List<string>();
        foreach (KeystoneNamedEntity role in body.Roles ?? [])
        {
            if (role.Name is not null)
            {
                roles.Add(role.Name);
            }
        }

        return new AuthToken(tokenValue, expiresAt, ToCatalog(body.Catalog))
        {
            IssuedAt = body.IssuedAt,
            UserId = body.User?.Id,
            UserName = body.User?.Name,
            ProjectId = body.Project?.Id,
            ProjectName = body.Project?.Name,
            DomainId = scopeDomain?.Id,
            DomainName = scopeDomain?.Name,
            SystemScope = body.System is { All: true } ? "all" : null,
            TrustId = body.Trust?.Id,
            ApplicationCredentialId = body.ApplicationCredential?.Id,
            Roles = roles,
            Methods = body.Methods ?? [],
        };
    }

    public static AuthToken FromV2(KeystoneV2Access access)
    {
        KeystoneV2Token? token = access.Token;
        if (string.IsNullOrEmpty(token?.Id))
        {
            throw new InvalidDataException("Keystone's v2.0 token response has no \"access.token.id\".");
        }

        if (token.Expires is not DateTimeOffset expiresAt)
        {
            throw new InvalidDataException("Keystone's v2.0 token response has no \"access.token.expires\".");
        }

        var roles = new List<string>();
        foreach (KeystoneNamedEntity role in access.User?.Roles ?? [])
        {
            if (role.Name is not null)
            {
                roles.Add(role.Name);
            }
        }

        return new AuthToken(token.Id, expiresAt, FromV2Catalog(access.ServiceCatalog))
        {
            IssuedAt = token.IssuedAt,
            UserId = access.User?.Id,
            UserName = access.User?.Name ?? access.User?.Username,
            ProjectId = token.Tenant?.Id,
            ProjectName = token.Tenant?.Name,
            Roles = roles,
        };
    }

    // v2.0 lists one entry per region with a URL per interface; v3 lists one endpoint per interface.
    private static ServiceCatalog FromV2Catalog(List<KeystoneV2Service>? catalog)
    {
        if (catalog is null || catalog.Count == 0)
        {
            return ServiceCatalog.Empty;
        }

        var services = new List<CatalogService>(catalog.Count);
        foreach (KeystoneV2Service service in catalog)
        {
            if (string.IsNullOrEmpty(service.Type))
            {
                continue;
            }

            var endpoints = new List<CatalogEndpoint>();
            foreach (KeystoneV2Endpoint endpoint in service.Endpoints ?? [])
            {
                AddV2(endpoints, "public", endpoint.PublicUrl, endpoint);
                AddV2(endpoints, "internal", endpoint.InternalUrl, endpoint);
                AddV2(endpoints, "admin", endpoint.AdminUrl, endpoint);
            }

            services.Add(new CatalogService(service.Type, service.Name, null, endpoints));
        }

        return new ServiceCatalog(services);
    }

    private static void AddV2(List<CatalogEndpoint> endpoints, string @interface, string? url, KeystoneV2Endpoint endpoint)
    {
        if (TryHttpUrl(url, out Uri? uri))
        {
            endpoints.Add(new CatalogEndpoint(@interface, endpoint.Region, null, uri, endpoint.Id));
        }
    }

    private static bool TryHttpUrl(string? text, [NotNullWhen(true)] out Uri? url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static ServiceCatalog ToCatalog(List<KeystoneCatalogService>? catalog)
    {
        if (catalog is null || catalog.Count == 0)
        {
            return ServiceCatalog.Empty;
        }

        var services = new List<CatalogService>(catalog.Count);
        foreach (KeystoneCatalogService service in catalog)
        {
            if (string.IsNullOrEmpty(service.Type))
            {
                continue;
            }

            var endpoints = new List<CatalogEndpoint>();
            foreach (KeystoneCatalogEndpoint endpoint in service.Endpoints ?? [])
            {
                // One malformed endpoint must not make every other service unusable.
                if (string.IsNullOrEmpty(endpoint.Interface) || !TryHttpUrl(endpoint.Url, out Uri? url))
                {
                    continue;
                }

                endpoints.Add(new CatalogEndpoint(endpoint.Interface, endpoint.Region, endpoint.RegionId, url, endpoint.Id));
            }

            services.Add(new CatalogService(service.Type, service.Name, service.Id, endpoints));
        }

        return new ServiceCatalog(services);
    }
}
