using System;
using System.Collections;
using System.IO;
using System.Runtime.CompilerServices;
using OpenStack.Config;

namespace OpenStack.Tests.Config;

/// <summary>
/// A throw-away directory tree standing in for the current directory, the home directory and
/// /etc, plus an environment dictionary, so no test reads the real ~, /etc or process environment.
/// </summary>
internal sealed class ConfigSandbox : IDisposable
{
    public ConfigSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "openstack-config-" + Guid.NewGuid().ToString("N"));
        Cwd = Directory.CreateDirectory(Path.Combine(Root, "work")).FullName;
        Home = Directory.CreateDirectory(Path.Combine(Root, "home")).FullName;
        Etc = Directory.CreateDirectory(Path.Combine(Root, "etc", "openstack")).FullName;
        Env["HOME"] = Home;
    }

    public string Root { get; }

    public string Cwd { get; }

    public string Home { get; }

    /// <summary>Stands in for /etc/openstack.</summary>
    public string Etc { get; }

    public string UserConfig => Path.Combine(Home, ".config", "openstack");

    public Hashtable Env { get; } = new();

    public CloudConfigSources Sources => new()
    {
        Environment = Env,
        CurrentDirectory = Cwd,
        HomeDirectory = Home,
        SystemDirectories = [Etc],
    };

    /// <summary>Writes <paramref name="content"/> to <paramref name="directory"/>/<paramref name="fileName"/>.</summary>
    public string Write(string directory, string fileName, string content)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Copies a file from Config/Fixtures into <paramref name="directory"/>.</summary>
    public string Copy(string fixture, string directory, string? fileName = null) =>
        Write(directory, fileName ?? Path.GetFileName(fixture), ReadFixture(fixture));

    public OpenStackClientOptions FromCloudsYaml(string? cloud = null, string? region = null) =>
        OpenStackClientOptions.FromCloudsYaml(cloud, Sources, region);

    public OpenStackClientOptions Load(string? cloud = null, string? region = null) =>
        OpenStackClientOptions.Load(cloud, Sources, region);

    public static string ReadFixture(string name) => File.ReadAllText(FixturePath(name));

    // Fixtures are read from the output directory when the project copies them there, else from
    // beside this source file, so the tests need no project-file change to find them.
    public static string FixturePath(string name, [CallerFilePath] string thisFile = "")
    {
        string copied = Path.Combine(AppContext.BaseDirectory, "Config", "Fixtures", name);
        if (File.Exists(copied))
        {
            return copied;
        }

        string beside = Path.Combine(Path.GetDirectoryName(thisFile)!, "Fixtures", name);
        if (File.Exists(beside))
        {
            return beside;
        }

        throw new FileNotFoundException($"Fixture '{name}' is neither in {copied} nor in {beside}.");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
