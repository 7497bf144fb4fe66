using System;
using System.Linq;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenStack.Http;

namespace OpenStack.DependencyInjection;

/// <summary>
/// Registers OpenStack clouds with a service collection. Each cloud gets a named <c>HttpClient</c>
/// (<c>OpenStack</c>, or <c>OpenStack:&lt;name&gt;</c>) whose <see cref="IHttpClientFactory"/> handler
/// chain is the connection's transport, a shared <see cref="OpenStackClient"/> (plain for the unnamed
/// cloud, keyed by name for the others) and an entry in <see cref="IOpenStackClientFactory"/>.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddOpenStack(builder.Configuration.GetSection("OpenStack"));           // appsettings.json
/// builder.Services.AddOpenStack("lab", _ => OpenStackClientOptions.FromCloudsYaml("lab")); // a second cloud
///
/// app.MapGet("/images", (OpenStackClient cloud) => cloud.Image.Images.ListAsync());
/// app.MapGet("/lab", ([FromKeyedServices("lab")] OpenStackClient lab) => lab.Image.Images.ListAsync());
/// </code>
/// </example>
public static class OpenStackServiceCollectionExtensions
{
    /// <summary>The name of the unnamed cloud's HttpClient; a named cloud's is <c>OpenStack:&lt;name&gt;</c>.</summary>
    public const string HttpClientNamePrefix = "OpenStack";

    /// <summary>The named HttpClient of cloud <paramref name="name"/>: <c>OpenStack</c> for <c>""</c>, else <c>OpenStack:&lt;name&gt;</c>.</summary>
    /// <param name="name">The cloud's name.</param>
    /// <returns>The HttpClient name, for <c>services.AddHttpClient(name)</c> or <see cref="IHttpClientFactory"/>.</returns>
    public static string HttpClientName(string name) =>
        string.IsNullOrEmpty(name) ? HttpClientNamePrefix : HttpClientNamePrefix + ":" + name;

    /// <summary>
    /// Registers the unnamed cloud, configured as <see cref="OpenStackClientOptions.Load"/> chooses:
    /// <c>OS_CLOUD</c> from clouds.yaml, else the <c>OS_*</c> environment, else the only cloud in clouds.yaml.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The cloud's HttpClient builder, to add handlers or change the primary handler.</returns>
    public static IHttpClientBuilder AddOpenStack(this IServiceCollection services) =>
        services.AddOpenStack(string.Empty, static _ => OpenStackClientOptions.Load());

    /// <summary>Registers the unnamed cloud with options made by <paramref name="options"/> (called once, on first use).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">Makes the options, e.g. <c>_ => OpenStackClientOptions.FromEnvironment()</c>.</param>
    /// <returns>The cloud's HttpClient builder.</returns>
    public static IHttpClientBuilder AddOpenStack(this IServiceCollection services, Func<IServiceProvider, OpenStackClientOptions> options) =>
        services.AddOpenStack(string.Empty, options);

    /// <summary>
    /// Registers the unnamed cloud from a configuration section (see <see cref="OpenStackClientOptions.FromConfiguration"/>),
    /// read on first use.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, e.g. <c>builder.Configuration.GetSection("OpenStack")</c>.</param>
    /// <returns>The cloud's HttpClient builder.</returns>
    public static IHttpClientBuilder AddOpenStack(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOpenStack(string.Empty, configuration);

    /// <summary>Registers cloud <paramref name="name"/> from a configuration section (see <see cref="OpenStackClientOptions.FromConfiguration"/>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The cloud's name: the service key of its <see cref="OpenStackClient"/>.</param>
    /// <param name="configuration">The section, e.g. <c>builder.Configuration.GetSection("OpenStack:Clouds:lab")</c>.</param>
    /// <returns>The cloud's HttpClient builder.</returns>
    public static IHttpClientBuilder AddOpenStack(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddOpenStack(name, _ => OpenStackClientOptions.FromConfiguration(configuration));
    }

    /// <summary>
    /// Registers cloud <paramref name="name"/>: a keyed <see cref="OpenStackClient"/> (key <paramref name="name"/>;
    /// the unnamed cloud <c>""</c> is a plain one), an entry in <see cref="IOpenStackClientFactory"/>, and the named
    /// HttpClient <see cref="HttpClientName"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The cloud's name; <c>""</c> for the unnamed cloud.</param>
    /// <param name="options">
    /// Makes the options, called once on first use, e.g. <c>_ => OpenStackClientOptions.FromCloudsYaml("lab")</c>. Unless it
    /// sets them, <see cref="OpenStackClientOptions.LoggerFactory"/> is the container's and
    /// <see cref="OpenStackClientOptions.Transport"/> is the named HttpClient's handler chain.
    /// </param>
    /// <returns>The cloud's HttpClient builder: add handlers with <c>AddHttpMessageHandler</c> (they run below
    /// authentication, retries and the SDK's logging) or replace the primary handler (by default the SDK's own,
    /// with the cloud's TLS settings).</returns>
    /// <exception cref="InvalidOperationException">A cloud of that name is registered already.</exception>
    public static IHttpClientBuilder AddOpenStack(this IServiceCollection services, string name, Func<IServiceProvider, OpenStackClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        if (services.Any(d => d.ServiceType == typeof(OpenStackCloudRegistration) && d.ImplementationInstance is OpenStackCloudRegistration r && r.Name == name))
        {
            throw new InvalidOperationException($"An OpenStack cloud named '{name}' is registered already.");
        }

        var registration = new OpenStackCloudRegistration(name, options);
        services.AddSingleton(registration);
        services.TryAddSingleton<OpenStackClientFactory>();
        services.TryAddSingleton<IOpenStackClientFactory>(static sp => sp.GetRequiredService<OpenStackClientFactory>());
        if (name.Length == 0)
        {
            services.TryAddSingleton<OpenStackClient>(static sp => sp.GetRequiredService<OpenStackClientFactory>().GetClient(string.Empty));
        }
        else
        {
            services.AddKeyedSingleton<OpenStackClient>(name, static (sp, key) => sp.GetRequiredService<OpenStackClientFactory>().GetClient((string)key!));
        }

        // The SDK logs each request itself (secrets masked), so IHttpClientFactory's own request logging is removed.
        return services.AddHttpClient(registration.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => OpenStackTransport.Create(sp.GetRequiredService<OpenStackClientFactory>().GetOptions(name)))
            .RemoveAllLoggers();
    }
}
