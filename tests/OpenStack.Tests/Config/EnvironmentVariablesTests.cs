using System;
using System.Collections;
using System.IO;
using Xunit;

namespace OpenStack.Tests.Config;

/// <summary>The OS_* variables openstacksdk and gophercloud read, through FromEnvironment and Load.</summary>
public sealed class EnvironmentVariablesTests : IDisposable
{
    private readonly ConfigSandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Every_auth_variable_is_read()
    {
        var env = new Hashtable
        {
            ["OS_AUTH_URL"] = "https://keystone.example.com/v3",
            ["OS_AUTH_TYPE"] = "v3applicationcredential",
            ["OS_APPLICATION_CREDENTIAL_ID"] = "ac-1",
            ["OS_APPLICATION_CREDENTIAL_NAME"] = "ac-name",
            ["OS_APPLICATION_CREDENTIAL_SECRET"] = " secret with spaces ",
            ["OS_TOKEN"] = "tok",
            ["OS_PASSCODE"] = "123456",
            ["OS_TRUST_ID"] = "trust-1",
            ["OS_SYSTEM_SCOPE"] = "all",
            ["OS_IDENTITY_API_VERSION"] = "3",
            ["OS_USERID"] = "u-gophercloud",
        };

        OpenStackClientOptions o = OpenStackClientOptions.FromEnvironment(env);

        Assert.Equal(new Uri("https://keystone.example.com/v3"), o.AuthUrl);
        Assert.Equal("v3applicationcredential", o.AuthType);
        Assert.Equal(("ac-1", "ac-name", " secret with spaces "), (o.ApplicationCredentialId, o.ApplicationCredentialName, o.ApplicationCredentialSecret));
        Assert.Equal(("tok", "123456", "trust-1", "all"), (o.Token, o.Passcode, o.TrustId, o.SystemScope));
        Assert.Equal("3", o.IdentityApiVersion);
        Assert.Equal("u-gophercloud", o.UserId);
    }

    [Fact]
    public void OS_AUTH_TOKEN_is_the_older_name_of_OS_TOKEN()
    {
        Assert.Equal("old", OpenStackClientOptions.FromEnvironment(new Hashtable { ["OS_AUTH_TOKEN"] = "old" }).Token);
        Assert.Equal("new", OpenStackClientOptions.FromEnvironment(new Hashtable { ["OS_AUTH_TOKEN"] = "old", ["OS_TOKEN"] = "new" }).Token);
    }

    [Fact]
    public void OS_USER_ID_wins_over_gophercloud_OS_USERID()
    {
        var env = new Hashtable { ["OS_USER_ID"] = "sdk", ["OS_USERID"] = "gopher" };

        Assert.Equal("sdk", OpenStackClientOptions.FromEnvironment(env).UserId);
    }

    [Fact]
    public void Tls_variables_and_OS_INSECURE()
    {
        var env = new Hashtable
        {
            ["HOME"] = "/home/u",
            ["OS_CACERT"] = "~/ca.pem",
            ["OS_CERT"] = "/pki/client.pem",
            ["OS_KEY"] = "/pki/client.key",
            ["OS_INSECURE"] = "true",
        };

        OpenStackClientOptions o = OpenStackClientOptions.FromEnvironment(env);

        Assert.Equal(Path.Combine("/home/u", "ca.pem"), o.CaCertificateFile);
        Assert.Equal(("/pki/client.pem", "/pki/client.key"), (o.ClientCertificateFile, o.ClientKeyFile));
        Assert.False(o.VerifyTls);
        Assert.True(OpenStackClientOptions.FromEnvironment(new Hashtable { ["OS_INSECURE"] = "False" }).VerifyTls);
    }

    [Fact]
    public void An_OS_INSECURE_that_is_not_a_boolean_is_refused_by_name()
    {
        var ex = Assert.Throws<OpenStackConfigurationException>(() =>
            OpenStackClientOptions.FromEnvironment(new Hashtable { ["OS_INSECURE"] = "maybe" }));

        Assert.Contains("OS_INSECURE must be true or false", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Per_service_endpoint_overrides_and_versions()
    {
        var env = new Hashtable
        {
            ["OS_IMAGE_ENDPOINT_OVERRIDE"] = "http://glance.example.com:9292",
            ["OS_BLOCK_STORAGE_API_VERSION"] = "3",
            ["OS_VOLUME_API_VERSION"] = "2",
            ["OS_COMPUTE_API_VERSION"] = "2.95",
            ["OS_OBJECT_STORE_ENDPOINT_OVERRIDE"] = "https://swift.example.com/v1/AUTH_x",
            ["OS_PLACEMENT_DEFAULT_MICROVERSION"] = "1.39",
        };

        OpenStackClientOptions o = OpenStackClientOptions.FromEnvironment(env);

        Assert.Equal(new Uri("http://glance.example.com:9292"), o.EndpointOverrides["image"]);
        Assert.Equal(new Uri("https://swift.example.com/v1/AUTH_x"), o.EndpointOverrides["object-store"]);
        Assert.Equal("3", o.ApiVersions["block-storage"]);
        Assert.Equal("2.95", o.DefaultMicroversions["compute"]);
        Assert.Equal("1.39", o.DefaultMicroversions["placement"]);
    }

    [Fact]
    public void Default_domain_variables_fill_missing_domains()
    {
        var ids = new Hashtable { ["OS_USERNAME"] = "u", ["OS_PROJECT_NAME"] = "p", ["OS_DEFAULT_DOMAIN_ID"] = "default" };
        OpenStackClientOptions o = OpenStackClientOptions.FromEnvironment(ids);
        Assert.Equal(("default", "default"), (o.UserDomainId, o.ProjectDomainId));

        var osc = new Hashtable { ["OS_USERNAME"] = "u", ["OS_PROJECT_NAME"] = "p", ["OS_DEFAULT_DOMAIN"] = "dom", ["OS_USER_DOMAIN_NAME"] = "Users" };
        OpenStackClientOptions fromOsc = OpenStackClientOptions.FromEnvironment(osc);
        Assert.Equal(("Users", null, "dom"), (fromOsc.UserDomainName, fromOsc.UserDomainId, fromOsc.ProjectDomainId));
    }

    [Fact]
    public void Interface_and_its_older_name()
    {
        Assert.Equal("internal", OpenStackClientOptions.FromEnvironment(new Hashtable { ["OS_ENDPOINT_TYPE"] = "internalURL" }).Interface);
        Assert.Equal("admin", OpenStackClientOptions.FromEnvironment(new Hashtable { ["OS_ENDPOINT_TYPE"] = "internalURL", ["OS_INTERFACE"] = "admin" }).Interface);
    }

    [Fact]
    public void Load_applies_the_openstacksdk_domain_rule_to_the_environment()
    {
        _box.Env["OS_AUTH_URL"] = "http://keystone.example.com:5000/v3";
        _box.Env["OS_USERNAME"] = "alice";
        _box.Env["OS_PASSWORD"] = "pw";
        _box.Env["OS_PROJECT_NAME"] = "web";
        _box.Env["OS_DOMAIN_ID"] = "d-1";

        OpenStackClientOptions o = _box.Load();

        Assert.Equal(("d-1", "d-1"), (o.UserDomainId, o.ProjectDomainId));
        Assert.Null(o.DomainId);
        o.Validate();
    }

    [Fact]
    public void Load_names_the_variables_at_fault()
    {
        _box.Env["OS_AUTH_URL"] = "http://keystone.example.com:5000/v3";
        _box.Env["OS_USERNAME"] = "alice";
        _box.Env["OS_PASSWORD"] = "Env-S3cret";
        _box.Env["OS_PROJECT_ID"] = "p-1";

        var ex = Assert.Throws<OpenStackConfigurationException>(() => _box.Load());

        Assert.StartsWith("OS_* environment variables (used because OS_AUTH_URL, OS_PASSWORD, OS_PROJECT_ID, OS_USERNAME are set and OS_CLOUD is not): ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("OS_USERNAME is set but neither OS_USER_DOMAIN_NAME nor OS_USER_DOMAIN_ID", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cret", ex.Message, StringComparison.Ordinal);

        _box.Env["OS_USER_DOMAIN_ID"] = "default";
        _box.Env["OS_PROJECT_NAME"] = "web";
        ex = Assert.Throws<OpenStackConfigurationException>(() => _box.Load());
        Assert.Contains("both OS_PROJECT_ID and OS_PROJECT_NAME are set", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_asked_for_must_be_OS_REGION_NAME_when_it_is_set()
    {
        _box.Env["OS_AUTH_URL"] = "http://keystone.example.com:5000/v3";
        _box.Env["OS_USER_ID"] = "u";
        _box.Env["OS_PASSWORD"] = "pw";
        _box.Env["OS_REGION_NAME"] = "RegionOne";

        Assert.Equal("RegionOne", _box.Load(region: "RegionOne").RegionName);
        Assert.Throws<OpenStackConfigurationException>(() => _box.Load(region: "RegionTwo"));
    }
}
