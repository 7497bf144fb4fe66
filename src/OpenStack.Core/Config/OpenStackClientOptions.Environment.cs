using System.Collections;
using System.IO;
using OpenStack.Config;

namespace OpenStack;

// Reading options from the environment lives apart from the options themselves: the configuration
// loaders (OS_* variables, clouds.yaml) grow on their own.
public sealed partial class OpenStackClientOptions
{
    /// <summary>
    /// Reads the <c>OS_*</c> variables that an OpenStack RC file sets, as openstacksdk and gophercloud read them.
    /// </summary>
    /// <param name="env">
    /// The variables to read; <see langword="null"/> reads the process environment. Keys are
    /// variable names, values strings.
    /// </param>
    /// <returns>Options filled from the variables; call <see cref="Validate"/> to check them.</returns>
    /// <remarks>
    /// <para>
    /// Each <c>OS_FOO</c> is read as the clouds.yaml key <c>foo</c> (openstacksdk's rule), so the
    /// variables are: <c>OS_AUTH_URL</c>, <c>OS_AUTH_TYPE</c>, <c>OS_USERNAME</c>, <c>OS_USER_ID</c>
    /// (gophercloud's <c>OS_USERID</c> too), <c>OS_PASSWORD</c>, <c>OS_USER_DOMAIN_NAME</c>/<c>_ID</c>,
    /// <c>OS_PROJECT_NAME</c>/<c>_ID</c> (or <c>OS_TENANT_NAME</c>/<c>_ID</c>; the project ones win),
    /// <c>OS_PROJECT_DOMAIN_NAME</c>/<c>_ID</c>, <c>OS_DOMAIN_NAME</c>/<c>_ID</c>,
    /// <c>OS_DEFAULT_DOMAIN_NAME</c>/<c>_ID</c>, <c>OS_DEFAULT_DOMAIN</c>, <c>OS_TOKEN</c>
    /// (<c>OS_AUTH_TOKEN</c>), <c>OS_APPLICATION_CREDENTIAL_ID</c>/<c>_NAME</c>/<c>_SECRET</c>,
    /// <c>OS_PASSCODE</c>, <c>OS_TRUST_ID</c>, <c>OS_SYSTEM_SCOPE</c>, <c>OS_IDENTITY_API_VERSION</c>,
    /// <c>OS_REGION_NAME</c>, <c>OS_INTERFACE</c> (<c>OS_ENDPOINT_TYPE</c>), <c>OS_CACERT</c>,
    /// <c>OS_CERT</c>, <c>OS_KEY</c>, <c>OS_INSECURE</c>, <c>OS_API_TIMEOUT</c>, and per service
    /// <c>OS_&lt;SERVICE&gt;_ENDPOINT_OVERRIDE</c>, <c>OS_&lt;SERVICE&gt;_API_VERSION</c> and
    /// <c>OS_&lt;SERVICE&gt;_DEFAULT_MICROVERSION</c> (e.g. <c>OS_BLOCK_STORAGE_API_VERSION</c>,
    /// <c>OS_VOLUME_API_VERSION</c>).
    /// </para>
    /// <para>
    /// Unlike <see cref="Load"/>, this reads <c>OS_DOMAIN_ID</c>/<c>OS_DOMAIN_NAME</c> as written (a
    /// domain scope) even next to a project, and checks only the form of values (URLs, booleans,
    /// interface); completeness and contradictions are left to <see cref="Validate"/>.
    /// <see cref="Load"/> applies openstacksdk's domain rule and names the variable at fault.
    /// </para>
    /// </remarks>
    /// <exception cref="OpenStackConfigurationException">
    /// A value has the wrong form (OS_AUTH_URL not an absolute http(s) URL, OS_INSECURE not a boolean,
    /// OS_INTERFACE not public/internal/admin); the message names the variable.
    /// </exception>
    public static OpenStackClientOptions FromEnvironment(IDictionary? env = null)
    {
        var sources = new CloudConfigSources { Environment = env };
        return CloudConfigReader.Read(CloudConfigReader.FromVariables(sources.GetEnvironment()), new CloudConfigReader.ReadSettings
        {
            Where = EnvironmentWhere,
            Strict = false,
            DomainIsDefaultWithProject = false,
            HomeDirectory = sources.GetHomeDirectory(),
            CurrentDirectory = Path.GetFullPath(sources.GetCurrentDirectory()),
        });
    }
}
