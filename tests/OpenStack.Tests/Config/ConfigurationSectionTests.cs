using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace OpenStack.Tests.Config;

/// <summary>OpenStackClientOptions.FromConfiguration: a Microsoft.Extensions.Configuration section read as a clouds.yaml cloud.</summary>
public sealed class ConfigurationSectionTests
{
    private static IConfigurationSection Section(string json, string name = "OpenStack") =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build().GetSection(name);

    [Fact]
    public void Clouds_yaml_keys_are_read_as_in_clouds_yaml()
    {
        var options = OpenStackClientOptions.FromConfiguration(Section("""
            {"OpenStack": {
              "auth": {"auth_url": "https://keystone.example/v3", "username": "alice", "password": "pw",
                       "user_domain_name": "Default", "project_name": "web", "project_domain_name": "Default"},
              "region_name": "RegionTwo", "interface": "internal", "verify": false, "api_timeout": 30,
              "image_endpoint_override": "http://glance.example:9292/", "compute_api_version": "2"
            }}
            """));

        Assert.Equal(new Uri("https://keystone.example/v3"), options.AuthUrl);
        Assert.Equal("alice", options.Username);
        Assert.Equal("pw", options.Password);
        Assert.Equal("Default", options.UserDomainName);
        Assert.Equal("web", options.ProjectName);
        Assert.Equal("RegionTwo", options.RegionName);
        Assert.Equal("internal", options.Interface);
        Assert.False(options.VerifyTls);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(new Uri("http://glance.example:9292/"), options.EndpointOverrides["image"]);
        Assert.Equal("2", options.ApiVersions["compute"]);
        options.Validate();
    }

    [Fact]
    public void PascalCase_keys_mean_the_same_snake_case_keys()
    {
        var options = OpenStackClientOptions.FromConfiguration(Section("""
            {"OpenStack": {
              "Auth": {"AuthUrl": "https://keystone.example/v3", "ApplicationCredentialId": "ac-1", "ApplicationCredentialSecret": "s"},
              "AuthType": "v3applicationcredential", "RegionName": "RegionOne", "ApplicationName": "my-app", "LogHttpContent": true,
              "Retry": {"Enabled": true, "MaxRetries": 5, "BaseDelay": "00:00:00.5", "MaxDelay": 10, "RetryConnectionFailures": false}
            }}
            """));

        Assert.Equal("v3applicationcredential", options.AuthType);
        Assert.Equal("ac-1", options.ApplicationCredentialId);
        Assert.Equal("s", options.ApplicationCredentialSecret);
        Assert.Equal("RegionOne", options.RegionName);
        Assert.Equal("my-app", options.ApplicationName);
        Assert.True(options.LogHttpContent);
        Assert.Equal(5, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Retry.MaxDelay);
        Assert.False(options.Retry.RetryConnectionFailures);
        options.Validate();
    }

    [Fact]
    public void Regions_may_be_a_list()
    {
        var options = OpenStackClientOptions.FromConfiguration(Section("""
            {"OpenStack": {"auth": {"auth_url": "https://k.example/v3", "token": "t"}, "regions": ["North", "South"]}}
            """));

        Assert.Equal("North", options.RegionName);
    }

    [Fact]
    public void A_cloud_key_reads_that_cloud_from_clouds_yaml()
    {
        using var sandbox = new ConfigSandbox();
        sandbox.Write(sandbox.Cwd, "clouds.yaml", """
            clouds:
              prod:
                auth:
                  auth_url: https://prod.example/v3
                  username: bob
                  password: pw
                  user_domain_name: Default
                  project_name: ops
                  project_domain_name: Default
                regions: [East, West]
            """);

        var options = OpenStackClientOptions.FromConfiguration(
            Section("""{"OpenStack": {"Cloud": "prod", "RegionName": "West", "Retry": {"Enabled": false}}}"""),
            sandbox.Sources);

        Assert.Equal("prod", options.CloudName);
        Assert.Equal("bob", options.Username);
        Assert.Equal("West", options.RegionName);
        Assert.False(options.Retry.Enabled);
    }

    [Fact]
    public void A_cloud_key_beside_the_cloud_own_keys_is_refused_naming_them()
    {
        var error = Assert.Throws<OpenStackConfigurationException>(() => OpenStackClientOptions.FromConfiguration(
            Section("""{"OpenStack": {"cloud": "prod", "auth": {"username": "x"}}}""")));

        Assert.Contains("configuration section 'OpenStack'", error.Message, StringComparison.Ordinal);
        Assert.Contains("OpenStack:auth", error.Message, StringComparison.Ordinal);
        Assert.Contains("OpenStack:cloud", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistake_names_the_configuration_key_and_never_the_password()
    {
        var error = Assert.Throws<OpenStackConfigurationException>(() => OpenStackClientOptions.FromConfiguration(Section("""
            {"Clouds": {"lab": {"Auth": {"AuthUrl": "https://k.example/v3", "Username": "alice", "Password": "pw-SECRET-in-appsettings"}}}}
            """, "Clouds:lab")));

        Assert.StartsWith("configuration section 'Clouds:lab': Clouds:lab:Auth:Username is set but neither", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-SECRET-in-appsettings", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"OpenStack": {"auth": {"auth_url": "k.example"}}}""", "OpenStack:auth:auth_url")]
    [InlineData("""{"OpenStack": {"auth": {"auth_url": "https://k/v3", "token": "t"}, "verify": "maybe"}}""", "OpenStack:verify")]
    [InlineData("""{"OpenStack": {"auth": {"auth_url": "https://k/v3", "token": "t"}, "retry": {"max_retries": "many"}}}""", "OpenStack:retry:max_retries")]
    [InlineData("""{"OpenStack": {"auth": {"auth_url": "https://k/v3", "token": "t"}, "retry": {"attempts": 3}}}""", "OpenStack:retry:attempts")]
    public void Values_of_the_wrong_form_name_their_key(string json, string key)
    {
        var error = Assert.Throws<OpenStackConfigurationException>(() => OpenStackClientOptions.FromConfiguration(Section(json)));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AuthUrl", "auth_url")]
    [InlineData("auth-url", "auth_url")]
    [InlineData("UserDomainName", "user_domain_name")]
    [InlineData("BlockStorageApiVersion", "block_storage_api_version")]
    [InlineData("region_name", "region_name")]
    [InlineData("Cacert", "cacert")]
    public void Keys_are_normalised_to_clouds_yaml_spelling(string key, string expected) =>
        Assert.Equal(expected, OpenStackClientOptions.ConfigurationKey(key));
}
