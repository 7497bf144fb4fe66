using System;
using System.Collections.Generic;
using System.IO;
using OpenStack.Catalog;

namespace OpenStack.Auth;

/// <summary>Turns Keystone's token response into an <see cref="AuthToken"/>.</summary>
internal static class KeystoneTokenMapper
{
    public static AuthToken ToAuthToken(string tokenValue, KeystoneTokenBody body)
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
            Roles = roles,
        };
    }

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
                if (string.IsNullOrEmpty(endpoint.Interface)
                    || !Uri.TryCreate(endpoint.Url, UriKind.Absolute, out Uri? url)
                    || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
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
