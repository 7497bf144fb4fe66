using System;
using System.Collections;
using System.IO;
using System.Linq;
using OpenStack.Config;

namespace OpenStack;

// clouds.yaml / secure.yaml loading and the choice between a file and the environment.
public sealed partial class OpenStackClientOptions
{
    private const string EnvironmentWhere = "OS_* environment variables";

    // openstacksdk (_get_os_environ): variables that only select or locate a configuration, and so
    // do not by themselves make the environment a cloud.
    private static readonly string[] SelectorVariables =
    [
        "OS_CLOUD", "OS_REGION_NAME", "OS_CLIENT_CONFIG_FILE", "OS_CLIENT_SECURE_FILE", "OS_CLOUD_NAME",
    ];

    /// <summary>
    /// Reads one cloud from <c>clouds.yaml</c>, merged with <c>secure.yaml</c>, found where openstacksdk
    /// looks for them (see <see cref="CloudConfigSources"/>).
    /// </summary>
    /// <param name="cloudName">
    /// The cloud's name under <c>clouds:</c>; <see langword="null"/> takes <c>OS_CLOUD</c>, and without it
    /// the only cloud the files define.
    /// </param>
    /// <param name="sources">Where to look and which environment to read; <see langword="null"/> is this process.</param>
    /// <param name="regionName">
    /// The region to use. A cloud that lists <c>regions</c> (or a comma-separated <c>region_name</c>)
    /// must list it; without this argument the first listed region is used, as in openstacksdk, and
    /// that region's <c>values</c> are applied.
    /// </param>
    /// <returns>
    /// Options for the cloud, <see cref="CloudName"/> set. Every property may still be changed in code,
    /// and a value set after loading wins over the file's.
    /// </returns>
    /// <remarks>
    /// <para>
    /// secure.yaml is merged over clouds.yaml key by key (the <c>auth</c> mapping included), so secrets
    /// can live apart from the rest; a secure.yaml value wins over the same clouds.yaml key.
    /// </para>
    /// <para>
    /// Every key openstacksdk reads for these options is read: under <c>auth</c> (or, as openstacksdk
    /// allows, at the cloud's top level) <c>auth_url</c>, <c>username</c>, <c>user_id</c>,
    /// <c>password</c>, <c>user_domain_name</c>/<c>_id</c>, <c>project_name</c>/<c>_id</c> (and
    /// <c>tenant_name</c>/<c>_id</c>), <c>project_domain_name</c>/<c>_id</c>, <c>domain_name</c>/<c>_id</c>,
    /// <c>default_domain_name</c>/<c>_id</c>, <c>token</c> (<c>auth_token</c>),
    /// <c>application_credential_id</c>/<c>_name</c>/<c>_secret</c>, <c>passcode</c>, <c>trust_id</c>,
    /// <c>system_scope</c>; at the top level <c>auth_type</c>, <c>region_name</c>, <c>regions</c>,
    /// <c>interface</c> (<c>endpoint_type</c>), <c>identity_api_version</c>, <c>verify</c>,
    /// <c>insecure</c>, <c>cacert</c>, <c>cert</c>, <c>key</c>, <c>api_timeout</c>, and per service
    /// <c>&lt;service&gt;_endpoint_override</c> (older <c>&lt;service&gt;_endpoint</c>),
    /// <c>&lt;service&gt;_api_version</c> and <c>&lt;service&gt;_default_microversion</c>, where the
    /// service is any catalog type or alias with <c>_</c> for <c>-</c> (<c>block_storage</c>,
    /// <c>volumev3</c> and <c>volume</c> all mean <c>block-storage</c>; the official type wins over an
    /// alias). Other keys are ignored, as openstacksdk ignores what it does not use.
    /// </para>
    /// <para>
    /// Domains, as openstacksdk and keystoneauth apply them: next to a project, <c>domain_id</c> /
    /// <c>domain_name</c> is the default for both the user's and the project's domain (without a
    /// project it is a domain scope); <c>default_domain_id</c> / <c>default_domain_name</c> fill a
    /// missing user or project domain; <c>default_domain</c> (openstackclient's
    /// <c>OS_DEFAULT_DOMAIN</c>, an id) does the same last. A domain is filled only where neither
    /// its id nor its name is set.
    /// </para>
    /// </remarks>
    /// <exception cref="OpenStackConfigurationException">
    /// The cloud is not defined (the message lists those that are), a file is not valid YAML (file,
    /// line and column), or a setting is missing or contradicts another: the message names the key, the
    /// file and the line, never a value of a secret. A missing password or secret is left to
    /// <see cref="Validate"/>, so code may still supply it.
    /// </exception>
    public static OpenStackClientOptions FromCloudsYaml(string? cloudName = null, CloudConfigSources? sources = null, string? regionName = null)
    {
        sources ??= new CloudConfigSources();
        CloudsYaml files = CloudsYaml.Find(sources);
        string? name = cloudName ?? sources.GetVariable("OS_CLOUD");
        if (name is not null)
        {
            return files.Read(name, cloudName is null ? " (from OS_CLOUD)" : string.Empty, regionName);
        }

        if (files.CloudNames.Count == 1)
        {
            return files.Read(files.CloudNames[0], string.Empty, regionName);
        }

        throw new OpenStackConfigurationException(files.NoName());
    }

    /// <summary>
    /// Loads the configuration the way openstacksdk's <c>openstack.connect()</c> chooses it: a named
    /// cloud from clouds.yaml, else the <c>OS_*</c> environment, else the only cloud in clouds.yaml.
    /// </summary>
    /// <param name="cloudName">A cloud to read from clouds.yaml; <see langword="null"/> takes <c>OS_CLOUD</c>.</param>
    /// <param name="sources">Where to look and which environment to read; <see langword="null"/> is this process.</param>
    /// <param name="regionName">The region to use; see <see cref="FromCloudsYaml"/>.</param>
    /// <returns>The options; values set in code afterwards win over loaded ones.</returns>
    /// <remarks>
    /// <para>The rule, which is openstacksdk's (<c>openstack/config/loader.py</c>):</para>
    /// <list type="number">
    /// <item>A cloud named here or by <c>OS_CLOUD</c> is read from clouds.yaml + secure.yaml, and the
    /// other <c>OS_*</c> variables are ignored: openstacksdk turns them into a separate cloud named
    /// <c>envvars</c> and never mixes them into a named one (<c>OS_REGION_NAME</c> included; pass
    /// <paramref name="regionName"/> to choose a region). Naming that cloud (<c>envvars</c>, or the name
    /// in <c>OS_CLOUD_NAME</c>) reads the environment, unless a file defines a cloud of that name.</item>
    /// <item>Otherwise, when any <c>OS_*</c> variable is set beyond <c>OS_CLOUD</c>, <c>OS_REGION_NAME</c>,
    /// <c>OS_CLIENT_CONFIG_FILE</c>, <c>OS_CLIENT_SECURE_FILE</c> and <c>OS_CLOUD_NAME</c> (test-runner
    /// <c>OS_TEST*</c>, <c>OS_STD*</c>, <c>OS_LOG*</c> do not count), the environment is the configuration,
    /// read with the same rules as a clouds.yaml entry: <c>OS_FOO</c> is key <c>foo</c>.</item>
    /// <item>Otherwise, when the files define exactly one cloud, that cloud.</item>
    /// <item>Otherwise an <see cref="OpenStackConfigurationException"/> lists the clouds there are.</item>
    /// </list>
    /// <para>
    /// openstackclient (the <c>openstack</c> command) differs: its command-line defaults come from
    /// <c>OS_*</c>, so there the variables do override a named cloud. This SDK follows the library.
    /// </para>
    /// </remarks>
    /// <exception cref="OpenStackConfigurationException">As for <see cref="FromCloudsYaml"/>; for the environment the message names the variables.</exception>
    public static OpenStackClientOptions Load(string? cloudName = null, CloudConfigSources? sources = null, string? regionName = null)
    {
        sources ??= new CloudConfigSources();
        string? name = cloudName ?? sources.GetVariable("OS_CLOUD");
        if (name is not null)
        {
            CloudsYaml files = CloudsYaml.Find(sources);
            string environmentCloud = sources.GetVariable("OS_CLOUD_NAME") ?? "envvars";
            if (name == environmentCloud && !files.Defines(name))
            {
                return FromEnvironmentStrict(sources, regionName, name);
            }

            return files.Read(name, cloudName is null ? " (from OS_CLOUD)" : string.Empty, regionName);
        }

        if (EnvironmentDefinesCloud(sources.GetEnvironment()))
        {
            return FromEnvironmentStrict(sources, regionName, cloudName: null);
        }

        CloudsYaml found = CloudsYaml.Find(sources);
        if (found.CloudNames.Count == 1)
        {
            return found.Read(found.CloudNames[0], string.Empty, regionName);
        }

        throw new OpenStackConfigurationException(found.NoName());
    }

    private static bool EnvironmentDefinesCloud(IDictionary environment) =>
        environment.Keys.OfType<string>().Any(name =>
            CloudConfigReader.IsConfigVariable(name)
            && !SelectorVariables.Contains(name, StringComparer.Ordinal)
            && environment[name] is string { Length: > 0 });

    private static OpenStackClientOptions FromEnvironmentStrict(CloudConfigSources sources, string? regionName, string? cloudName)
    {
        IDictionary environment = sources.GetEnvironment();
        string[] present = environment.Keys.OfType<string>()
            .Where(n => CloudConfigReader.IsConfigVariable(n) && !SelectorVariables.Contains(n, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        // Say why the environment was chosen: a stray variable can hide a clouds.yaml.
        string where = cloudName is not null
            ? $"{EnvironmentWhere} (cloud '{cloudName}')"
            : present.Length == 0
                ? EnvironmentWhere
                : $"{EnvironmentWhere} (used because {string.Join(", ", present.Take(5))}{(present.Length > 5 ? ", …" : string.Empty)} {(present.Length == 1 ? "is" : "are")} set and OS_CLOUD is not)";
        OpenStackClientOptions options = CloudConfigReader.Read(CloudConfigReader.FromVariables(environment), new CloudConfigReader.ReadSettings
        {
            Where = where,
            Strict = true,
            DomainIsDefaultWithProject = true,
            RequestedRegion = regionName,
            HomeDirectory = sources.GetHomeDirectory(),
            CurrentDirectory = Path.GetFullPath(sources.GetCurrentDirectory()),
        });
        options.CloudName = cloudName;
        return options;
    }
}
