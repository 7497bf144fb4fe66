using System;
using System.IO;
using Xunit;

namespace OpenStack.Tests.Config;

/// <summary>Every key openstacksdk reads for these options, read from fixtures the way openstacksdk reads them.</summary>
public sealed class CloudsYamlKeysTests : IDisposable
{
    private readonly ConfigSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private OpenStackClientOptions Cloud(string fixture, string cloud)
    {
        _box.Copy(fixture, _box.Cwd, "clouds.yaml");
        return _box.FromCloudsYaml(cloud);
    }

    [Fact]
    public void The_devcloud_file_that_openstacksdk_reads_loads_and_validates()
    {
        OpenStackClientOptions options = Cloud("devcloud/clouds.yaml", "devcloud-admin");

        Assert.Equal(new Uri("http://127.0.0.1:5000/v3"), options.AuthUrl);
        Assert.Equal("admin", options.Username);
        Assert.Equal("admin", options.Password);
        Assert.Equal("admin", options.ProjectName);
        Assert.Equal("Default", options.UserDomainName);
        Assert.Equal("Default", options.ProjectDomainName);
        Assert.Equal("RegionOne", options.RegionName);
        Assert.Equal("public", options.Interface);
        Assert.Equal("3", options.IdentityApiVersion);
        Assert.Equal("devcloud-admin", options.CloudName);
        Assert.True(options.VerifyTls);
        options.Validate();

        Assert.Equal("demo", _box.FromCloudsYaml("devcloud-demo").Username);
    }

    [Fact]
    public void Password_by_user_name_and_domain()
    {
        OpenStackClientOptions o = Cloud("auth-types.yaml", "password-by-name");

        Assert.Equal("password", o.AuthType);
        Assert.Equal(new Uri("http://keystone.example.com:5000/v3"), o.AuthUrl);
        Assert.Equal(("alice", "pw-1", "Users"), (o.Username, o.Password, o.UserDomainName));
        Assert.Equal(("web", "d-web"), (o.ProjectName, o.ProjectDomainId));
        Assert.Null(o.UserDomainId);
        Assert.Null(o.ProjectDomainName);
    }

    [Fact]
    public void Password_by_user_id()
    {
        OpenStackClientOptions o = Cloud("auth-types.yaml", "password-by-user-id");

        Assert.Equal(("v3password", "u-123", "pw-2", "p-123"), (o.AuthType, o.UserId, o.Password, o.ProjectId));
        Assert.Null(o.Username);
    }

    [Fact]
    public void Token_and_its_older_auth_token_spelling()
    {
        OpenStackClientOptions token = Cloud("auth-types.yaml", "token");
        Assert.Equal(("token", "gAAAAA-token-value", "p-456"), (token.AuthType, token.Token, token.ProjectId));

        OpenStackClientOptions legacy = _box.FromCloudsYaml("legacy-auth-token");
        Assert.Equal(("v3token", "gAAAAA-legacy-token"), (legacy.AuthType, legacy.Token));
    }

    [Fact]
    public void Application_credential_by_id_and_by_name_with_its_user()
    {
        OpenStackClientOptions byId = Cloud("auth-types.yaml", "app-credential-by-id");
        Assert.Equal(("v3applicationcredential", "ac-1", "ac-secret-1"), (byId.AuthType, byId.ApplicationCredentialId, byId.ApplicationCredentialSecret));

        OpenStackClientOptions byName = _box.FromCloudsYaml("app-credential-by-name");
        Assert.Equal(("ci-runner", "ac-secret-2", "carol", "default"),
            (byName.ApplicationCredentialName, byName.ApplicationCredentialSecret, byName.Username, byName.UserDomainId));
    }

    [Fact]
    public void Totp_and_multi_factor_passcodes()
    {
        OpenStackClientOptions totp = Cloud("auth-types.yaml", "totp");
        Assert.Equal(("v3totp", "dave", "123456", "ops"), (totp.AuthType, totp.Username, totp.Passcode, totp.ProjectName));

        OpenStackClientOptions mfa = _box.FromCloudsYaml("multi-factor");
        Assert.Equal(("v3multifactor", "u-mfa", "pw-mfa", "654321"), (mfa.AuthType, mfa.UserId, mfa.Password, mfa.Passcode));
    }

    [Fact]
    public void Trust_system_domain_and_no_scope()
    {
        _box.Copy("auth-types.yaml", _box.Cwd, "clouds.yaml");

        Assert.Equal("trust-789", _box.FromCloudsYaml("trust").TrustId);

        OpenStackClientOptions system = _box.FromCloudsYaml("system-scope");
        Assert.Equal(("all", "default"), (system.SystemScope, system.UserDomainId));

        OpenStackClientOptions domain = _box.FromCloudsYaml("domain-scope");
        Assert.Equal("Engineering", domain.DomainName);
        Assert.Null(domain.ProjectName);

        OpenStackClientOptions unscoped = _box.FromCloudsYaml("unscoped");
        Assert.Null(unscoped.ProjectId ?? unscoped.ProjectName ?? unscoped.DomainId ?? unscoped.DomainName ?? unscoped.SystemScope);
    }

    [Fact]
    public void Keystone_v2_tenant_needs_no_domain()
    {
        OpenStackClientOptions o = Cloud("auth-types.yaml", "v2-tenant");

        Assert.Equal(("v2password", "2.0", "legacy", "old-tenant"), (o.AuthType, o.IdentityApiVersion, o.Username, o.ProjectName));
        Assert.Null(o.UserDomainId ?? o.UserDomainName);
    }

    [Fact]
    public void No_auth_needs_no_auth_url()
    {
        OpenStackClientOptions o = Cloud("auth-types.yaml", "no-auth");

        Assert.Equal("none", o.AuthType);
        Assert.Null(o.AuthUrl);
        Assert.Equal(new Uri("http://ironic.example.com:6385"), o.EndpointOverrides["baremetal"]);
    }

    [Theory]
    [InlineData("password-by-name")]
    [InlineData("password-by-user-id")]
    [InlineData("token")]
    [InlineData("legacy-auth-token")]
    [InlineData("app-credential-by-id")]
    [InlineData("app-credential-by-name")]
    [InlineData("totp")]
    [InlineData("multi-factor")]
    [InlineData("trust")]
    [InlineData("system-scope")]
    [InlineData("domain-scope")]
    [InlineData("unscoped")]
    [InlineData("v2-tenant")]
    [InlineData("no-auth")]
    public void Every_auth_type_cloud_passes_the_options_own_validation(string cloud)
    {
        Assert.Null(Record.Exception(Cloud("auth-types.yaml", cloud).Validate));
    }

    [Fact]
    public void Endpoint_overrides_api_versions_and_microversions_by_catalog_type()
    {
        OpenStackClientOptions o = Cloud("services.yaml", "services");

        Assert.Equal(new Uri("http://cinder.example.com:8776/v3/"), o.EndpointOverrides["block-storage"]);
        Assert.Equal(new Uri("https://swift.example.com/v1/AUTH_p1"), o.EndpointOverrides["object-store"]);
        Assert.Equal(new Uri("http://glance.example.com:9292"), o.EndpointOverrides["image"]);
        Assert.Equal(new Uri("http://neutron.example.com:9696"), o.EndpointOverrides["network"]);
        Assert.Equal(4, o.EndpointOverrides.Count);

        Assert.Equal("3", o.ApiVersions["identity"]);
        Assert.Equal("3", o.IdentityApiVersion);
        Assert.Equal("2", o.ApiVersions["image"]);
        Assert.Equal("2.79", o.ApiVersions["compute"]);
        Assert.Equal("3", o.ApiVersions["block-storage"]);          // the official key beats volume_api_version
        Assert.Equal("2.0", o.ApiVersions["load-balancer"]);
        Assert.False(o.ApiVersions.ContainsKey("dns"));              // "latest" is ignored, as openstacksdk does

        Assert.Equal("2.79", o.DefaultMicroversions["compute"]);     // implied by compute_api_version: 2.79
        Assert.Equal("3.60", o.DefaultMicroversions["block-storage"]);
        Assert.Equal("1.36", o.DefaultMicroversions["placement"]);
        Assert.False(o.DefaultMicroversions.ContainsKey("load-balancer")); // "2.0" is only a major version
    }

    [Fact]
    public void The_official_type_beats_its_aliases_and_override_beats_the_older_endpoint_key()
    {
        OpenStackClientOptions o = Cloud("services.yaml", "endpoint-conflict");

        Assert.Equal(new Uri("http://official.example.com/v3"), o.EndpointOverrides["block-storage"]);
        Assert.Single(o.EndpointOverrides);
    }

    [Fact]
    public void Ca_bundle_client_certificate_and_key_paths_expand_home_and_resolve_against_the_current_directory()
    {
        OpenStackClientOptions o = Cloud("tls.yaml", "private-ca");

        Assert.True(o.VerifyTls);
        Assert.Equal(Path.Combine(_box.Home, "certs", "ca.pem"), o.CaCertificateFile);
        Assert.Equal("/etc/pki/client.pem", o.ClientCertificateFile);
        Assert.Equal(Path.Combine(_box.Cwd, "certs", "client.key"), o.ClientKeyFile);
    }

    [Fact]
    public void Insecure_beats_verify_and_yaml_booleans_are_understood()
    {
        _box.Copy("tls.yaml", _box.Cwd, "clouds.yaml");

        Assert.False(_box.FromCloudsYaml("insecure").VerifyTls);

        OpenStackClientOptions off = _box.FromCloudsYaml("verify-off");
        Assert.False(off.VerifyTls);
        Assert.Equal(TimeSpan.FromSeconds(30), off.Timeout);
    }

    [Fact]
    public void A_regions_list_wins_over_region_name_and_its_first_entry_is_used_with_its_values()
    {
        OpenStackClientOptions o = Cloud("regions.yaml", "listed");

        Assert.Equal("RegionA", o.RegionName);
        Assert.Equal("internal", o.Interface);
        Assert.Equal(new Uri("http://glance.a.example.com:9292"), o.EndpointOverrides["image"]);
    }

    [Fact]
    public void A_region_asked_for_picks_its_entry_and_its_values_merge_into_auth()
    {
        _box.Copy("regions.yaml", _box.Cwd, "clouds.yaml");

        OpenStackClientOptions c = _box.FromCloudsYaml("listed", region: "RegionC");
        Assert.Equal(("RegionC", "p-for-c", "u-1"), (c.RegionName, c.ProjectId, c.UserId));
        Assert.Equal("public", c.Interface);

        Assert.Equal("RegionB", _box.FromCloudsYaml("listed", region: "RegionB").RegionName);
    }

    [Fact]
    public void A_region_the_cloud_does_not_list_is_refused_with_the_choices()
    {
        _box.Copy("regions.yaml", _box.Cwd, "clouds.yaml");

        var ex = Assert.Throws<OpenStackConfigurationException>(() => _box.FromCloudsYaml("listed", region: "regiona"));

        Assert.Contains("region 'regiona'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RegionA, RegionB, RegionC", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comma_separated_region_name_is_a_list()
    {
        _box.Copy("regions.yaml", _box.Cwd, "clouds.yaml");

        Assert.Equal("North", _box.FromCloudsYaml("comma-separated").RegionName);
        Assert.Equal("South", _box.FromCloudsYaml("comma-separated", region: "South").RegionName);
    }

    [Fact]
    public void Domain_id_next_to_a_project_is_the_user_and_project_domain()
    {
        OpenStackClientOptions o = Cloud("domains.yaml", "domain-once");

        Assert.Equal(("d-shared", "d-shared"), (o.UserDomainId, o.ProjectDomainId));
        Assert.Null(o.DomainId);
        o.Validate();
    }

    [Fact]
    public void Domain_name_fills_only_the_domain_that_is_missing()
    {
        OpenStackClientOptions o = Cloud("domains.yaml", "domain-once-but-user-set");

        Assert.Equal(("People", "Projects"), (o.UserDomainName, o.ProjectDomainName));
        Assert.Null(o.UserDomainId ?? o.ProjectDomainId ?? o.DomainName);
    }

    [Fact]
    public void Default_domain_keys_fill_missing_domains()
    {
        _box.Copy("domains.yaml", _box.Cwd, "clouds.yaml");

        OpenStackClientOptions id = _box.FromCloudsYaml("default-domain-id");
        Assert.Equal(("default", "default"), (id.UserDomainId, id.ProjectDomainId));

        OpenStackClientOptions name = _box.FromCloudsYaml("default-domain-name");
        Assert.Equal(("Default", "d-proj"), (name.UserDomainName, name.ProjectDomainId));
        Assert.Null(name.ProjectDomainName);

        OpenStackClientOptions osc = _box.FromCloudsYaml("osc-default-domain");
        Assert.Equal(("default", "default"), (osc.UserDomainId, osc.ProjectDomainId));
    }

    // Current openstacksdk (_fix_backwards_auth, story 2010784) lets a top-level project/domain/token
    // key beat the same key under auth; openstacksdk 0.101 (Debian bookworm) still let auth win.
    [Fact]
    public void Auth_keys_at_the_top_level_are_read_and_the_top_level_wins_where_openstacksdk_lets_it()
    {
        OpenStackClientOptions o = Cloud("domains.yaml", "top-level-auth-keys");

        Assert.Equal(new Uri("http://keystone.example.com:5000/v3"), o.AuthUrl);
        Assert.Equal(("alice", "pw", "Default"), (o.Username, o.Password, o.UserDomainName));
        Assert.Equal("top-project", o.ProjectName);
    }

    [Fact]
    public void Tenant_keys_are_the_project_keys()
    {
        Assert.Equal("t-1", Cloud("domains.yaml", "tenant-aliases").ProjectId);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_work_as_in_PyYAML()
    {
        _box.Copy("anchors.yaml", _box.Cwd, "clouds.yaml");

        OpenStackClientOptions first = _box.FromCloudsYaml("first");
        OpenStackClientOptions second = _box.FromCloudsYaml("second");

        Assert.Equal(new Uri("http://keystone.example.com:5000/v3"), second.AuthUrl);
        Assert.Equal(("one", "Default", "RegionOne"), (first.Username, first.ProjectDomainName, first.RegionName));
        Assert.Equal(("two", "Default", "RegionOne"), (second.Username, second.UserDomainName, second.RegionName));
    }

    [Fact]
    public void A_federated_user_name_needs_no_Keystone_domain()
    {
        _box.Write(_box.Cwd, "clouds.yaml", """
            clouds:
              oidc:
                auth_type: v3oidcpassword
                auth:
                  auth_url: http://keystone.example.com:5000/v3
                  identity_provider: corp-idp
                  protocol: openid
                  client_id: cli
                  username: alice@corp.example.com
                  password: pw
                  project_id: p-1
            """);

        OpenStackClientOptions o = _box.FromCloudsYaml("oidc");

        Assert.Equal(("v3oidcpassword", "alice@corp.example.com"), (o.AuthType, o.Username));
    }

    [Fact]
    public void Keys_with_dashes_and_unknown_keys_are_accepted()
    {
        _box.Write(_box.Cwd, "clouds.yaml", """
            clouds:
              dashed:
                auth-type: password
                region-name: R1
                some-future-setting: {nested: [1, 2]}
                auth:
                  auth-url: http://keystone.example.com:5000/v3
                  user-id: u-1
                  password: pw
                  something-new: x
            """);

        OpenStackClientOptions o = _box.FromCloudsYaml("dashed");

        Assert.Equal(("password", "R1", "u-1"), (o.AuthType, o.RegionName, o.UserId));
    }

    [Fact]
    public void Yaml_nulls_and_empty_values_count_as_absent()
    {
        _box.Write(_box.Cwd, "clouds.yaml", """
            clouds:
              nulls:
                region_name: ~
                interface:
                auth:
                  auth_url: http://keystone.example.com:5000/v3
                  user_id: u-1
                  password: pw
                  project_name: null
                  project_id: ""
            """);

        OpenStackClientOptions o = _box.FromCloudsYaml("nulls");

        Assert.Null(o.RegionName);
        Assert.Equal("public", o.Interface);
        Assert.Null(o.ProjectName ?? o.ProjectId);
    }

    [Fact]
    public void Numbers_are_read_as_text()
    {
        _box.Write(_box.Cwd, "clouds.yaml", """
            clouds:
              numeric:
                auth:
                  auth_url: http://keystone.example.com:5000/v3
                  user_id: 12345
                  password: 2024
                  project_id: 678
            """);

        OpenStackClientOptions o = _box.FromCloudsYaml("numeric");

        Assert.Equal(("12345", "2024", "678"), (o.UserId, o.Password, o.ProjectId));
    }
}
