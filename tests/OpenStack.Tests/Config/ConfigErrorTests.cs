using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace OpenStack.Tests.Config;

/// <summary>
/// A missing or contradictory setting is refused with a message that names the key, the file and
/// the line — and never shows a secret.
/// </summary>
public sealed class ConfigErrorTests : IDisposable
{
    private readonly ConfigSandbox _box = new();
    private readonly string _file;

    public ConfigErrorTests()
    {
        _file = _box.Copy("errors/mistakes.yaml", _box.Cwd, "clouds.yaml");
    }

    public void Dispose() => _box.Dispose();

    private OpenStackConfigurationException Refused(string cloud) =>
        Assert.Throws<OpenStackConfigurationException>(() => _box.FromCloudsYaml(cloud));

    public static IEnumerable<object[]> Mistakes() =>
    [
        ["username-without-domain", "auth.username (line 6) is set but neither auth.user_domain_name nor auth.user_domain_id (or auth.domain_name/auth.domain_id with a project, or auth.default_domain_id/auth.default_domain_name)"],
        ["project-id-and-name", "both auth.project_id (line 14) and auth.project_name (line 15) are set; keep only one"],
        ["project-name-without-domain", "auth.project_name (line 22) is set but neither auth.project_domain_name nor auth.project_domain_id"],
        ["user-domain-id-and-name", "both auth.user_domain_id (line 28) and auth.user_domain_name (line 29) are set"],
        ["missing-auth-url", "auth.auth_url is missing."],
        ["vendor-profile", "auth.auth_url is missing (the vendor profile 'somevendor' is not read by this SDK"],
        ["bad-auth-url", "auth.auth_url (line 41) is not an absolute http or https URL"],
        ["bad-interface", "interface (line 49) is 'private'; use public, internal or admin"],
        ["bad-verify", "verify (line 55) must be true or false"],
        ["bad-endpoint-override", "compute_endpoint_override (line 61) is not an absolute http or https URL"],
        ["key-without-cert", "key (line 67) is set but cert is not"],
        ["secret-without-credential", "auth.application_credential_secret (line 71) is set but neither auth.application_credential_id nor auth.application_credential_name"],
        ["app-credential-name-without-user", "auth.application_credential_name (line 75) needs the credential's owner: auth.user_id, or auth.username with its domain"],
        ["password-without-user", "auth.password (line 80) is set but neither auth.username nor auth.user_id says whose it is"],
        ["system-and-project", "both auth.system_scope (line 88) and auth.project_id (line 87) are set; a token has one scope"],
        ["domain-id-and-name", "both auth.domain_id (line 94) and auth.domain_name (line 95) are set"],
        ["microversion-conflict", "compute_api_version (line 101) looks like microversion 2.79 but compute_default_microversion (line 102) says otherwise"],
        ["auth-not-a-mapping", "auth (line 104) must be a mapping of authentication settings"],
        ["password-is-a-list", "auth.password (line 109) must be a single value, not a list"],
        ["bad-regions", "regions[0] (line 116) must be a region name or a mapping with 'name' and optional 'values'"],
        ["bad-timeout", "api_timeout (line 123) must be a positive number of seconds"],
        ["cloud-is-a-string", "the cloud's entry (clouds.yaml (" ],
    ];

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Each_mistake_names_the_file_the_cloud_and_the_key(string cloud, string expected)
    {
        OpenStackConfigurationException ex = Refused(cloud);

        Assert.StartsWith($"clouds.yaml ({_file}), cloud '{cloud}': ", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), ex.Message);
        Assert.DoesNotMatch(new Regex("S3cret"), ex.Message);
    }

    [Fact]
    public void A_key_from_secure_yaml_is_named_with_that_file()
    {
        string secure = _box.Write(_box.Cwd, "secure.yaml", """
            clouds:
              username-without-domain:
                auth:
                  project_name: from-secure
            """);

        OpenStackConfigurationException ex = Refused("username-without-domain");

        string expected = $"both auth.project_id (line 8) and auth.project_name (secure.yaml ({secure}), line 4) are set";
        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), ex.Message);
    }

    [Fact]
    public void An_unknown_cloud_lists_the_clouds_the_files_define()
    {
        _box.Env["OS_CLOUD"] = "nope";

        OpenStackConfigurationException ex = Assert.Throws<OpenStackConfigurationException>(() => _box.Load());

        Assert.StartsWith($"clouds.yaml ({_file}) has no cloud named 'nope' (from OS_CLOUD); it defines: username-without-domain, project-id-and-name,", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cloud-is-a-string", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("errors/bad-yaml.yaml", 6)]
    [InlineData("errors/bad-indent.yaml", 6)]
    [InlineData("errors/duplicate-key.yaml", 6)]
    public void Malformed_yaml_names_the_file_and_line_without_the_secret_near_it(string fixture, int line)
    {
        string path = _box.Copy(fixture, _box.Cwd, "clouds.yaml");

        OpenStackConfigurationException ex = Refused("broken");

        Assert.StartsWith($"clouds.yaml ({path}): invalid YAML at line {line}, column ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex("S3cret"), ex.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_mapping_is_refused_by_name()
    {
        string path = _box.Copy("errors/not-a-mapping.yaml", _box.Cwd, "clouds.yaml");

        OpenStackConfigurationException ex = Refused("x");

        Assert.Equal($"clouds.yaml ({path}) is empty or not a mapping; it needs a 'clouds:' mapping.", ex.Message);
    }

    [Fact]
    public void A_bad_secure_yaml_is_named_as_secure_yaml()
    {
        string path = _box.Write(_box.Cwd, "secure.yaml", "clouds:\n  x: [unclosed\n");

        OpenStackConfigurationException ex = Refused("project-id-and-name");

        Assert.StartsWith($"secure.yaml ({path}): invalid YAML at line ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_from_files_never_appear_in_ToString()
    {
        _box.Copy("multi/clouds.yaml", _box.Cwd);
        _box.Copy("multi/secure.yaml", _box.Cwd);
        _box.Copy("auth-types.yaml", Path.Combine(_box.Root, "auth"), "clouds.yaml");

        var texts = new List<string>
        {
            _box.FromCloudsYaml("prod").ToString(),
            _box.FromCloudsYaml("lab").ToString(),
        };
        _box.Env["OS_CLIENT_CONFIG_FILE"] = Path.Combine(_box.Root, "auth", "clouds.yaml");
        foreach (string cloud in new[] { "token", "app-credential-by-id", "totp", "multi-factor" })
        {
            texts.Add(_box.FromCloudsYaml(cloud).ToString());
        }

        foreach (string text in texts)
        {
            Assert.DoesNotMatch(new Regex("S3cret|gAAAAA|ac-secret|123456|654321|pw-"), text);
            Assert.Contains("***", text, StringComparison.Ordinal);
        }
    }
}
