using System;
using System.Collections;
using System.Collections.Generic;
using Xunit;

namespace OpenStack.Tests.Core;

public class OpenStackClientOptionsTests
{
    private const string Secret = "Zz-very-SECRET-pw-42";

    private static OpenStackClientOptions Valid() => new()
    {
        AuthUrl = new Uri("http://127.0.0.1:5000/v3"),
        Username = "demo",
        UserDomainName = "Default",
        Password = Secret,
        ProjectName = "demo",
        ProjectDomainName = "Default",
    };

    [Fact]
    public void FromEnvironment_reads_the_rc_file_variables()
    {
        var env = new Hashtable
        {
            ["OS_AUTH_URL"] = "http://127.0.0.1:5000/v3",
            ["OS_USERNAME"] = "admin",
            ["OS_PASSWORD"] = Secret,
            ["OS_USER_DOMAIN_NAME"] = "Default",
            ["OS_PROJECT_NAME"] = "admin",
            ["OS_PROJECT_DOMAIN_ID"] = "default",
            ["OS_REGION_NAME"] = "RegionOne",
            ["OS_INTERFACE"] = "internal",
        };

        OpenStackClientOptions options = OpenStackClientOptions.FromEnvironment(env);

        Assert.Equal(new Uri("http://127.0.0.1:5000/v3"), options.AuthUrl);
        Assert.Equal("admin", options.Username);
        Assert.Equal(Secret, options.Password);
        Assert.Equal("Default", options.UserDomainName);
        Assert.Equal("admin", options.ProjectName);
        Assert.Equal("default", options.ProjectDomainId);
        Assert.Equal("RegionOne", options.RegionName);
        Assert.Equal("internal", options.Interface);
        options.Validate();
    }

    [Fact]
    public void FromEnvironment_accepts_the_legacy_tenant_variables_and_interface_names()
    {
        var env = new Hashtable
        {
            ["OS_TENANT_NAME"] = "legacy",
            ["OS_TENANT_ID"] = "t-1",
            ["OS_INTERFACE"] = "publicURL",
            ["OS_USER_ID"] = "u-1",
            ["OS_DOMAIN_ID"] = "d-1",
        };

        OpenStackClientOptions options = OpenStackClientOptions.FromEnvironment(env);

        Assert.Equal("legacy", options.ProjectName);
        Assert.Equal("t-1", options.ProjectId);
        Assert.Equal("public", options.Interface);
        Assert.Equal("u-1", options.UserId);
        Assert.Equal("d-1", options.DomainId);
    }

    [Fact]
    public void FromEnvironment_prefers_project_over_tenant_and_defaults_interface_to_public()
    {
        var env = new Hashtable { ["OS_PROJECT_ID"] = "p-new", ["OS_TENANT_ID"] = "t-old" };

        OpenStackClientOptions options = OpenStackClientOptions.FromEnvironment(env);

        Assert.Equal("p-new", options.ProjectId);
        Assert.Equal("public", options.Interface);
        Assert.Null(options.AuthUrl);
    }

    [Fact]
    public void FromEnvironment_rejects_a_relative_auth_url()
    {
        var env = new Hashtable { ["OS_AUTH_URL"] = "keystone:5000" };

        var ex = Assert.Throws<OpenStackConfigurationException>(() => OpenStackClientOptions.FromEnvironment(env));
        Assert.Contains("OS_AUTH_URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_configuration_validates()
    {
        Assert.Null(Record.Exception(Valid().Validate));
    }

    public static IEnumerable<object[]> InvalidConfigurations()
    {
        yield return [(Action<OpenStackClientOptions>)(o => o.AuthUrl = null), "AuthUrl"];
        yield return [(Action<OpenStackClientOptions>)(o => o.Password = null), "Password"];
        yield return [(Action<OpenStackClientOptions>)(o => o.Username = null), "Username or UserId"];
        yield return [(Action<OpenStackClientOptions>)(o => o.UserDomainName = null), "Username needs UserDomainName or UserDomainId"];
        yield return [(Action<OpenStackClientOptions>)(o => o.ProjectId = "p-1"), "both ProjectId and ProjectName"];
        yield return [(Action<OpenStackClientOptions>)(o => o.ProjectDomainName = null), "ProjectName needs ProjectDomainName or ProjectDomainId"];
        yield return [(Action<OpenStackClientOptions>)(o => o.DomainName = "Default"), "domain scope"];
        yield return [(Action<OpenStackClientOptions>)(o => o.UserDomainId = "default"), "both UserDomainId and UserDomainName"];
        yield return [(Action<OpenStackClientOptions>)(o => o.Interface = "private"), "Interface"];
        yield return [(Action<OpenStackClientOptions>)(o => o.AuthUrl = new Uri("ftp://host/")), "AuthUrl"];
        yield return [(Action<OpenStackClientOptions>)(o => o.Timeout = TimeSpan.Zero), "Timeout"];
        // Checked here because the retry pipeline is built only on the first retry (Polly would refuse these then).
        yield return [(Action<OpenStackClientOptions>)(o => o.Retry.MaxRetries = 101), "Retry.MaxRetries"];
        yield return [(Action<OpenStackClientOptions>)(o => o.Retry.BaseDelay = TimeSpan.FromDays(2)), "Retry.BaseDelay"];
        yield return [(Action<OpenStackClientOptions>)(o => o.Retry.MaxDelay = TimeSpan.FromDays(2)), "Retry.MaxDelay"];
    }

    [Theory]
    [MemberData(nameof(InvalidConfigurations))]
    public void Validate_names_the_missing_or_contradictory_setting(Action<OpenStackClientOptions> breakIt, string expected)
    {
        OpenStackClientOptions options = Valid();
        breakIt(options);

        var ex = Assert.Throws<OpenStackConfigurationException>(options.Validate);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_id_needs_no_user_domain()
    {
        OpenStackClientOptions options = Valid();
        options.Username = null;
        options.UserDomainName = null;
        options.UserId = "u-1";

        Assert.Null(Record.Exception(options.Validate));
    }

    [Fact]
    public void ToString_never_contains_the_password()
    {
        OpenStackClientOptions options = Valid();

        string text = options.ToString();

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Contains("Password=***", text, StringComparison.Ordinal);
        Assert.Contains("Username=demo", text, StringComparison.Ordinal);
    }
}
