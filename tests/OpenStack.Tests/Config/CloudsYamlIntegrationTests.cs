using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using OpenStack.Identity.V3;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.Config;

/// <summary>A clouds.yaml + secure.yaml for the local cloud, chosen by OS_CLOUD, connects to real Keystone.</summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CloudsYamlIntegrationTests
{
    private readonly CloudFixture _cloud;

    public CloudsYamlIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    [SkippableFact]
    public async Task A_cloud_from_clouds_yaml_with_its_password_in_secure_yaml_connects_and_lists_projects()
    {
        _ = _cloud.Client;

        // The same credentials the shared fixture uses (OS_* if set, else the devcloud admin), written
        // the way scripts/devcloud.sh writes them, with the password moved to secure.yaml.
        OpenStackClientOptions expected = CloudFixture.Options();
        using var box = new ConfigSandbox();
        box.Write(box.UserConfig, "clouds.yaml", string.Create(CultureInfo.InvariantCulture, $"""
            clouds:
              sdk-integration:
                auth:
                  auth_url: {expected.AuthUrl}
                  username: {expected.Username}
                  project_name: {expected.ProjectName}
                  user_domain_name: {expected.UserDomainName ?? "Default"}
                  project_domain_name: {expected.ProjectDomainName ?? "Default"}
                region_name: {expected.RegionName ?? "RegionOne"}
                interface: public
                identity_api_version: 3
            """));
        box.Write(box.UserConfig, "secure.yaml", $"""
            clouds:
              sdk-integration:
                auth:
                  password: '{expected.Password!.Replace("'", "''", StringComparison.Ordinal)}'
            """);
        box.Env["OS_CLOUD"] = "sdk-integration";

        OpenStackClientOptions options = box.Load();
        Assert.Equal("sdk-integration", options.CloudName);
        Assert.Equal(expected.Password, options.Password);
        options.ApplicationName = "openstack-dotnet-tests";

        using OpenStackClient client = await OpenStackClient.ConnectAsync(options);
        var names = new List<string>();
        await foreach (Project project in client.Identity.Projects.ListAsync())
        {
            names.Add(project.Name!);
        }

        Assert.Contains(expected.ProjectName, names);
    }
}
