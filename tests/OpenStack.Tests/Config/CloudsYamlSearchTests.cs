using System;
using System.Collections;
using System.IO;
using System.Linq;
using OpenStack.Config;
using Xunit;

namespace OpenStack.Tests.Config;

/// <summary>Where clouds.yaml and secure.yaml are looked for, in openstacksdk's order.</summary>
public sealed class CloudsYamlSearchTests : IDisposable
{
    private readonly ConfigSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private static string Cloud(string name, string project) => $"""
        clouds:
          {name}:
            auth:
              auth_url: http://keystone.example.com:5000/v3
              user_id: u-1
              password: pw
              project_id: {project}
        """;

    [Fact]
    public void The_default_search_is_cwd_then_user_config_then_home_config_then_system()
    {
        var sources = new CloudConfigSources
        {
            Environment = new Hashtable { ["HOME"] = "/home/u", ["XDG_CONFIG_HOME"] = "/xdg/config" },
            CurrentDirectory = "/work/here",
        };

        Assert.Equal(
            ["/work/here", "/xdg/config/openstack", "/home/u/.config/openstack", "/etc/xdg/openstack", "/etc/openstack"],
            sources.GetSearchDirectories());
        Assert.Equal(
            ["/work/here/clouds.yaml", "/work/here/clouds.yml", "/work/here/clouds.json", "/xdg/config/openstack/clouds.yaml"],
            sources.GetConfigFileCandidates().Take(4));
        Assert.Equal("/etc/openstack/secure.json", sources.GetSecureFileCandidates()[^1]);
    }

    [Fact]
    public void Without_XDG_CONFIG_HOME_the_user_directory_is_home_config_once()
    {
        var sources = new CloudConfigSources
        {
            Environment = new Hashtable { ["HOME"] = "/home/u", ["XDG_CONFIG_DIRS"] = "/opt/xdg:/usr/xdg" },
            CurrentDirectory = "/w",
        };

        Assert.Equal(
            ["/w", "/home/u/.config/openstack", "/opt/xdg/openstack", "/usr/xdg/openstack", "/etc/openstack"],
            sources.GetSearchDirectories());
    }

    [Fact]
    public void SNAP_REAL_HOME_replaces_home_for_the_unix_config_directory()
    {
        var sources = new CloudConfigSources
        {
            Environment = new Hashtable { ["HOME"] = "/home/u/snap/osc/12", ["SNAP_REAL_HOME"] = "/home/u" },
            CurrentDirectory = "/w",
            SystemDirectories = [],
        };

        Assert.Equal(["/w", "/home/u/snap/osc/12/.config/openstack", "/home/u/.config/openstack"], sources.GetSearchDirectories());
    }

    [Fact]
    public void OS_CLIENT_CONFIG_FILE_comes_before_every_directory()
    {
        _box.Write(_box.Cwd, "clouds.yaml", Cloud("c", "from-cwd"));
        string named = _box.Write(Path.Combine(_box.Root, "elsewhere"), "my-clouds.yaml", Cloud("c", "from-named-file"));
        _box.Env["OS_CLIENT_CONFIG_FILE"] = named;

        Assert.Equal("from-named-file", _box.FromCloudsYaml("c").ProjectId);
        Assert.Equal(named, _box.Sources.GetConfigFileCandidates()[0]);
    }

    [Fact]
    public void An_OS_CLIENT_CONFIG_FILE_that_does_not_exist_is_an_error_not_silently_skipped()
    {
        _box.Write(_box.Cwd, "clouds.yaml", Cloud("c", "from-cwd"));
        _box.Env["OS_CLIENT_CONFIG_FILE"] = Path.Combine(_box.Root, "typo.yaml");

        var ex = Assert.Throws<OpenStackConfigurationException>(() => _box.FromCloudsYaml("c"));
        Assert.Contains("OS_CLIENT_CONFIG_FILE", ex.Message, StringComparison.Ordinal);
        Assert.Contains("typo.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_current_directory_wins_over_the_home_directory_and_system()
    {
        _box.Write(_box.Etc, "clouds.yaml", Cloud("c", "from-etc"));
        _box.Write(_box.UserConfig, "clouds.yaml", Cloud("c", "from-home"));
        Assert.Equal("from-home", _box.FromCloudsYaml("c").ProjectId);

        _box.Write(_box.Cwd, "clouds.yaml", Cloud("c", "from-cwd"));
        Assert.Equal("from-cwd", _box.FromCloudsYaml("c").ProjectId);
    }

    [Fact]
    public void System_directory_is_searched_last()
    {
        _box.Write(_box.Etc, "clouds.yaml", Cloud("c", "from-etc"));

        Assert.Equal("from-etc", _box.FromCloudsYaml("c").ProjectId);
    }

    [Fact]
    public void XDG_CONFIG_HOME_is_honoured_before_home_config()
    {
        string xdg = Path.Combine(_box.Root, "xdg");
        _box.Env["XDG_CONFIG_HOME"] = xdg;
        _box.Write(_box.UserConfig, "clouds.yaml", Cloud("c", "from-home-config"));
        _box.Write(Path.Combine(xdg, "openstack"), "clouds.yaml", Cloud("c", "from-xdg"));

        Assert.Equal("from-xdg", _box.FromCloudsYaml("c").ProjectId);
    }

    [Fact]
    public void Only_the_first_file_found_is_read_clouds_in_later_files_are_not_merged()
    {
        _box.Write(_box.Cwd, "clouds.yaml", Cloud("here", "p-here"));
        _box.Write(_box.UserConfig, "clouds.yaml", Cloud("there", "p-there"));

        var ex = Assert.Throws<OpenStackConfigurationException>(() => _box.FromCloudsYaml("there"));
        Assert.Contains("no cloud named 'there'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("defines: here", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yml_and_json_spellings_are_found_yaml_first()
    {
        _box.Write(_box.Cwd, "clouds.yml", Cloud("c", "from-yml"));
        Assert.Equal("from-yml", _box.FromCloudsYaml("c").ProjectId);

        _box.Write(_box.Cwd, "clouds.yaml", Cloud("c", "from-yaml"));
        Assert.Equal("from-yaml", _box.FromCloudsYaml("c").ProjectId);
    }

    [Fact]
    public void A_json_clouds_file_is_read()
    {
        _box.Copy("clouds.json", _box.Cwd);

        OpenStackClientOptions options = _box.FromCloudsYaml("from-json");

        Assert.Equal("u-json", options.UserId);
        Assert.Equal("p-json", options.ProjectId);
        Assert.Equal("RegionJson", options.RegionName);
        Assert.False(options.VerifyTls);
    }

    [Fact]
    public void Secure_yaml_is_found_on_its_own_and_may_sit_in_another_directory()
    {
        _box.Write(_box.Cwd, "clouds.yaml", """
            clouds:
              c:
                auth:
                  auth_url: http://keystone.example.com:5000/v3
                  user_id: u-1
            """);
        _box.Write(_box.UserConfig, "secure.yaml", "clouds:\n  c:\n    auth:\n      password: from-home-secure\n");

        Assert.Equal("from-home-secure", _box.FromCloudsYaml("c").Password);
    }

    [Fact]
    public void OS_CLIENT_SECURE_FILE_comes_first_for_secure_yaml()
    {
        _box.Write(_box.Cwd, "clouds.yaml", Cloud("c", "p"));
        _box.Write(_box.Cwd, "secure.yaml", "clouds:\n  c:\n    auth:\n      password: from-cwd-secure\n");
        _box.Env["OS_CLIENT_SECURE_FILE"] = _box.Write(Path.Combine(_box.Root, "vault"), "s.yaml", "clouds:\n  c:\n    auth:\n      password: from-named-secure\n");

        Assert.Equal("from-named-secure", _box.FromCloudsYaml("c").Password);
    }

    [Fact]
    public void Explicit_file_lists_replace_the_directory_search()
    {
        _box.Write(_box.Cwd, "clouds.yaml", Cloud("c", "from-cwd"));
        string listed = _box.Write(Path.Combine(_box.Root, "conf"), "clouds.yaml", Cloud("c", "from-list"));
        var sources = new CloudConfigSources
        {
            Environment = _box.Env,
            CurrentDirectory = _box.Cwd,
            HomeDirectory = _box.Home,
            SystemDirectories = [],
            ConfigFiles = [Path.Combine(_box.Root, "missing.yaml"), listed],
            SecureFiles = [],
        };

        Assert.Equal("from-list", OpenStackClientOptions.FromCloudsYaml("c", sources).ProjectId);
    }

    [Fact]
    public void When_nothing_is_found_the_message_lists_where_it_looked()
    {
        var ex = Assert.Throws<OpenStackConfigurationException>(() => _box.FromCloudsYaml("c"));

        Assert.Contains("no clouds.yaml was found", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_box.Cwd, "clouds.{yaml,yml,json}"), ex.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_box.Etc, "clouds.{yaml,yml,json}"), ex.Message, StringComparison.Ordinal);
    }
}
