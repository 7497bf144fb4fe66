using System;
using System.Collections;

namespace OpenStack;

// Reading options from the environment lives apart from the options themselves: the configuration
// loaders (OS_* variables, clouds.yaml) grow on their own.
public sealed partial class OpenStackClientOptions
{
    /// <summary>
    /// Reads the <c>OS_*</c> variables that an OpenStack RC file sets.
    /// </summary>
    /// <param name="env">
    /// The variables to read; <see langword="null"/> reads the process environment. Keys are
    /// variable names, values strings.
    /// </param>
    /// <returns>Options filled from the variables; call <see cref="Validate"/> to check them.</returns>
    /// <exception cref="OpenStackConfigurationException">OS_AUTH_URL is not an absolute URI.</exception>
    public static OpenStackClientOptions FromEnvironment(IDictionary? env = null)
    {
        env ??= Environment.GetEnvironmentVariables();

        string? Get(string name)
        {
            string? value = env[name] as string;
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        var options = new OpenStackClientOptions
        {
            Username = Get("OS_USERNAME"),
            UserId = Get("OS_USER_ID"),
            Password = env["OS_PASSWORD"] as string is { Length: > 0 } password ? password : null,
            UserDomainName = Get("OS_USER_DOMAIN_NAME"),
            UserDomainId = Get("OS_USER_DOMAIN_ID"),
            ProjectName = Get("OS_PROJECT_NAME") ?? Get("OS_TENANT_NAME"),
            ProjectId = Get("OS_PROJECT_ID") ?? Get("OS_TENANT_ID"),
            ProjectDomainName = Get("OS_PROJECT_DOMAIN_NAME"),
            ProjectDomainId = Get("OS_PROJECT_DOMAIN_ID"),
            DomainName = Get("OS_DOMAIN_NAME"),
            DomainId = Get("OS_DOMAIN_ID"),
            RegionName = Get("OS_REGION_NAME"),
        };

        string? authUrl = Get("OS_AUTH_URL");
        if (authUrl is not null)
        {
            if (!Uri.TryCreate(authUrl, UriKind.Absolute, out Uri? uri) || !IsHttp(uri))
            {
                throw new OpenStackConfigurationException(
                    $"OS_AUTH_URL '{authUrl}' is not an absolute http or https URL.");
            }

            options.AuthUrl = uri;
        }

        // OS_ENDPOINT_TYPE is what older RC files set instead of OS_INTERFACE.
        string? @interface = Get("OS_INTERFACE") ?? Get("OS_ENDPOINT_TYPE");
        if (@interface is not null)
        {
            options.Interface = NormalizeInterface(@interface);
        }

        return options;
    }

}
