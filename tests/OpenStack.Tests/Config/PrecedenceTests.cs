using System;
using Xunit;

namespace OpenStack.Tests.Config;

/// <summary>
/// Which value wins: code over files, secure.yaml over clouds.yaml, and the choice between a named
/// cloud and the OS_* environment exactly as openstacksdk makes it.
/// </summary>
public sealed class PrecedenceTests : IDisposable
{
    private readonly ConfigSandbox _box = new();

    public PrecedenceTests()
    {
        _box.Copy("multi/clouds.yaml", _box.Cwd);
        _box.Copy("multi/secure.yaml", _box.Cwd);
    }

    public void Dispose() => _box.Dispose();

    private void SetOpenRc()
    {
        _box.Env["OS_AUTH_URL"] = "http://env.example.com:5000/v3";
        _box.Env["OS_USERNAME"] = "env-user";
        _box.Env["OS_PASSWORD"] = "env-password";
        _box.Env["OS_USER_DOMAIN_NAME"] = "Default";
        _box.Env["OS_PROJECT_NAME"] = "env-project";
        _box.Env["OS_PROJECT_DOMAIN_NAME"] = "Default";
    }

    [Fact]
    public void Secure_yaml_wins_over_clouds_yaml_and_the_auth_mapping_is_merged_key_by_key()
    {
        OpenStackClientOptions prod = _box.FromCloudsYaml("prod");

        Assert.Equal("Pr0d-S3cret-From-Secure", prod.Password);
        Assert.Equal(("alice", "web", "Default"), (prod.Username, prod.ProjectName, prod.UserDomainName));
        Assert.Equal(new Uri("https://keystone.prod.example.com:5000/v3"), prod.AuthUrl);
        Assert.Equal("internal", prod.Interface);

        OpenStackClientOptions staging = _box.FromCloudsYaml("staging");
        Assert.Equal("St4ging-S3cret-From-Secure", staging.Password);
        Assert.Equal("RegionThree", staging.RegionName);              // a top-level key too
        Assert.Equal(("bob", "default", "0f1e2d3c4b5a"), (staging.Username, staging.UserDomainId, staging.ProjectId));
        Assert.False(staging.VerifyTls);

        OpenStackClientOptions lab = _box.FromCloudsYaml("lab");
        Assert.Equal(("21dced0fd20347869b93710d2b98aae0", "L4b-AppCred-S3cret"), (lab.ApplicationCredentialId, lab.ApplicationCredentialSecret));
    }

    [Fact]
    public void A_cloud_defined_only_in_secure_yaml_is_a_cloud()
    {
        OpenStackClientOptions o = _box.FromCloudsYaml("secret-only");

        Assert.Equal(("9c1f0e", "Only-In-Secure-S3cret"), (o.UserId, o.Password));
    }

    [Fact]
    public void Values_set_in_code_after_loading_win_over_the_files()
    {
        OpenStackClientOptions o = _box.FromCloudsYaml("prod");

        o.Password = "from-code";
        o.RegionName = "RegionCode";
        o.Interface = "public";
        o.EndpointOverrides["image"] = new Uri("http://code.example.com:9292");

        Assert.Equal("from-code", o.Password);
        Assert.Equal("RegionCode", o.RegionName);
        Assert.Equal("public", o.Interface);
        Assert.Equal(new Uri("http://code.example.com:9292"), o.EndpointOverrides["image"]);
        Assert.Equal("alice", o.Username);
        o.Validate();
    }

    [Fact]
    public void OS_CLOUD_selects_the_cloud()
    {
        _box.Env["OS_CLOUD"] = "staging";

        Assert.Equal("staging", _box.FromCloudsYaml().CloudName);
        Assert.Equal("staging", _box.Load().CloudName);
    }

    [Fact]
    public void A_name_in_code_beats_OS_CLOUD()
    {
        _box.Env["OS_CLOUD"] = "staging";

        Assert.Equal("bob", _box.FromCloudsYaml("staging").Username);
        Assert.Equal("alice", _box.Load("prod").Username);
    }

    [Fact]
    public void With_OS_CLOUD_set_the_other_OS_variables_are_ignored_as_openstacksdk_ignores_them()
    {
        SetOpenRc();
        _box.Env["OS_REGION_NAME"] = "EnvRegion";
        _box.Env["OS_INTERFACE"] = "admin";
        _box.Env["OS_CLOUD"] = "prod";

        OpenStackClientOptions o = _box.Load();

        Assert.Equal("prod", o.CloudName);
        Assert.Equal(("alice", "Pr0d-S3cret-From-Secure", "web"), (o.Username, o.Password, o.ProjectName));
        Assert.Equal("RegionOne", o.RegionName);
        Assert.Equal("internal", o.Interface);
    }

    [Fact]
    public void Without_a_cloud_name_the_OS_variables_are_the_configuration()
    {
        SetOpenRc();
        _box.Env["OS_REGION_NAME"] = "EnvRegion";

        OpenStackClientOptions o = _box.Load();

        Assert.Null(o.CloudName);
        Assert.Equal(new Uri("http://env.example.com:5000/v3"), o.AuthUrl);
        Assert.Equal(("env-user", "env-password", "env-project", "EnvRegion"), (o.Username, o.Password, o.ProjectName, o.RegionName));
        o.Validate();
    }

    [Fact]
    public void Selector_variables_alone_do_not_make_the_environment_a_cloud()
    {
        System.IO.File.Delete(System.IO.Path.Combine(_box.Cwd, "secure.yaml"));
        _box.Write(_box.Cwd, "clouds.yaml", """
            clouds:
              only:
                auth:
                  auth_url: http://keystone.example.com:5000/v3
                  user_id: u-only
                  password: pw
            """);
        _box.Env["OS_REGION_NAME"] = "Ignored";
        _box.Env["OS_TEST_TIMEOUT"] = "60";     // test-runner variables do not count either
        _box.Env["OS_STDOUT_CAPTURE"] = "1";

        OpenStackClientOptions o = _box.Load();

        Assert.Equal(("only", "u-only"), (o.CloudName, o.UserId));
        Assert.Null(o.RegionName);
    }

    [Fact]
    public void With_several_clouds_and_no_name_the_message_lists_them()
    {
        var ex = Assert.Throws<OpenStackConfigurationException>(() => _box.Load());

        Assert.Contains("pass a name or set OS_CLOUD", ex.Message, StringComparison.Ordinal);
        Assert.Contains("prod, staging, lab, secret-only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_cloud_can_be_named_envvars_or_by_OS_CLOUD_NAME()
    {
        SetOpenRc();
        _box.Env["OS_CLOUD"] = "envvars";
        Assert.Equal("env-user", _box.Load().Username);

        _box.Env["OS_CLOUD_NAME"] = "from-env";
        Assert.Equal("env-user", _box.Load("from-env").Username);
        Assert.Equal("from-env", _box.Load("from-env").CloudName);
    }

    [Fact]
    public void A_stray_variable_that_hides_clouds_yaml_is_named_in_the_message()
    {
        _box.Env["OS_IDENTITY_API_VERSION"] = "3";

        var ex = Assert.Throws<OpenStackConfigurationException>(() => _box.Load());

        Assert.Contains("OS_AUTH_URL is missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("OS_IDENTITY_API_VERSION is set and OS_CLOUD is not", ex.Message, StringComparison.Ordinal);
    }
}
