using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;

namespace OpenStack.Config;

/// <summary>
/// Where <see cref="OpenStackClientOptions.FromCloudsYaml"/> and <see cref="OpenStackClientOptions.Load"/>
/// look for configuration. Every property left <see langword="null"/> takes the real value of this
/// process, so the defaults search exactly where openstacksdk searches; set them to point the search
/// elsewhere (tests, tools that keep their own configuration directory).
/// </summary>
/// <remarks>
/// <para>
/// The search, in openstacksdk's order (<c>openstack/config/loader.py</c>): the file named by
/// <c>OS_CLIENT_CONFIG_FILE</c> (for secure.yaml, <c>OS_CLIENT_SECURE_FILE</c>); then, in each directory
/// of <see cref="GetSearchDirectories"/>, <c>clouds.yaml</c>, <c>clouds.yml</c> and <c>clouds.json</c>
/// (<c>secure.*</c> for secure.yaml). The first file that exists is the only one read: files in later
/// directories are not merged in. clouds.yaml and secure.yaml are found independently and may sit
/// in different directories.
/// </para>
/// <para>
/// The directories: the current directory; the user configuration directory of the platform
/// (<c>$XDG_CONFIG_HOME/openstack</c>, else <c>~/.config/openstack</c> on Linux — openstacksdk takes it
/// from platformdirs, which honours <c>XDG_CONFIG_HOME</c>); <c>~/.config/openstack</c>
/// (<c>$SNAP_REAL_HOME/.config/openstack</c> under snap); the system directories
/// (<c>$XDG_CONFIG_DIRS</c> entries, default <c>/etc/xdg</c>, each with <c>/openstack</c>; then
/// <c>/etc/openstack</c>). On Windows and macOS the platform directories are those platformdirs
/// uses (<c>%LOCALAPPDATA%\OpenStack\openstack</c>, <c>~/Library/Application Support/openstack</c>,
/// and their machine-wide counterparts).
/// </para>
/// </remarks>
public sealed class CloudConfigSources
{
    /// <summary>
    /// The environment variables to read (<c>OS_CLOUD</c>, <c>OS_CLIENT_CONFIG_FILE</c>, <c>OS_*</c>,
    /// <c>HOME</c>, <c>XDG_*</c>); <see langword="null"/> reads the process environment.
    /// </summary>
    public IDictionary? Environment { get; init; }

    /// <summary>The directory searched first; <see langword="null"/> is the process's current directory.</summary>
    public string? CurrentDirectory { get; init; }

    /// <summary>
    /// The home directory (for <c>~/.config/openstack</c> and <c>~</c> in <c>cacert</c>, <c>cert</c>,
    /// <c>key</c>); <see langword="null"/> takes <c>HOME</c> from <see cref="Environment"/>, and, when
    /// <see cref="Environment"/> is the process environment and has no <c>HOME</c>, the user profile.
    /// </summary>
    public string? HomeDirectory { get; init; }

    /// <summary>
    /// The machine-wide directories searched last; <see langword="null"/> is <c>$XDG_CONFIG_DIRS</c>
    /// (default <c>/etc/xdg</c>) with <c>/openstack</c>, then <c>/etc/openstack</c>. An empty list
    /// searches none.
    /// </summary>
    public IReadOnlyList<string>? SystemDirectories { get; init; }

    /// <summary>
    /// clouds.yaml candidates to use instead of the directory search, first existing one wins
    /// (openstacksdk's <c>config_files</c>). <c>OS_CLIENT_CONFIG_FILE</c> still comes first.
    /// </summary>
    public IReadOnlyList<string>? ConfigFiles { get; init; }

    /// <summary>
    /// secure.yaml candidates to use instead of the directory search (openstacksdk's
    /// <c>secure_files</c>). <c>OS_CLIENT_SECURE_FILE</c> still comes first.
    /// </summary>
    public IReadOnlyList<string>? SecureFiles { get; init; }

    internal IDictionary GetEnvironment() => Environment ?? System.Environment.GetEnvironmentVariables();

    internal string? GetVariable(string name)
    {
        string? value = Environment is null ? System.Environment.GetEnvironmentVariable(name) : Environment[name] as string;
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    internal string GetCurrentDirectory() => CurrentDirectory ?? Directory.GetCurrentDirectory();

    internal string? GetHomeDirectory()
    {
        if (HomeDirectory is not null)
        {
            return HomeDirectory;
        }

        string? home = GetVariable("HOME");
        if (home is not null || Environment is not null)
        {
            return home;
        }

        string profile = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return profile.Length == 0 ? null : profile;
    }

    /// <summary>The directories searched for clouds.yaml and secure.yaml, in order, without duplicates.</summary>
    /// <returns>Absolute directory paths; none of them is touched by this call.</returns>
    public IReadOnlyList<string> GetSearchDirectories()
    {
        var directories = new List<string>();
        void Add(string? directory)
        {
            if (!string.IsNullOrEmpty(directory) && !directories.Contains(directory))
            {
                directories.Add(directory);
            }
        }

        Add(GetCurrentDirectory());
        string? home = GetHomeDirectory();
        foreach (string directory in UserDirectories(home))
        {
            Add(directory);
        }

        string? snapHome = GetVariable("SNAP_REAL_HOME");
        string? unixHome = snapHome ?? home;
        if (unixHome is not null)
        {
            Add(Path.Combine(unixHome, ".config", "openstack"));
        }

        foreach (string directory in SystemDirectories ?? DefaultSystemDirectories())
        {
            Add(directory);
        }

        return directories;
    }

    /// <summary>Every clouds.yaml path tried, in order (the first that exists is read).</summary>
    /// <returns><c>OS_CLIENT_CONFIG_FILE</c> if set, then <see cref="ConfigFiles"/> or the directory search.</returns>
    public IReadOnlyList<string> GetConfigFileCandidates() => Candidates("OS_CLIENT_CONFIG_FILE", ConfigFiles, "clouds");

    /// <summary>Every secure.yaml path tried, in order (the first that exists is read).</summary>
    /// <returns><c>OS_CLIENT_SECURE_FILE</c> if set, then <see cref="SecureFiles"/> or the directory search.</returns>
    public IReadOnlyList<string> GetSecureFileCandidates() => Candidates("OS_CLIENT_SECURE_FILE", SecureFiles, "secure");

    private List<string> Candidates(string variable, IReadOnlyList<string>? explicitFiles, string stem)
    {
        var files = new List<string>();
        string? named = GetVariable(variable);
        if (named is not null)
        {
            files.Add(named);
        }

        if (explicitFiles is not null)
        {
            files.AddRange(explicitFiles);
            return files;
        }

        foreach (string directory in GetSearchDirectories())
        {
            files.Add(Path.Combine(directory, stem + ".yaml"));
            files.Add(Path.Combine(directory, stem + ".yml"));
            files.Add(Path.Combine(directory, stem + ".json"));
        }

        return files;
    }

    // platformdirs' user_config_dir for appname "openstack", appauthor "OpenStack".
    private IEnumerable<string> UserDirectories(string? home)
    {
        if (OperatingSystem.IsWindows())
        {
            string? local = GetVariable("LOCALAPPDATA")
                ?? (Environment is null ? System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData) : null);
            if (!string.IsNullOrEmpty(local))
            {
                yield return Path.Combine(local, "OpenStack", "openstack");
            }

            yield break;
        }

        if (OperatingSystem.IsMacOS())
        {
            if (home is not null)
            {
                yield return Path.Combine(home, "Library", "Application Support", "openstack");
            }

            yield break;
        }

        string? xdg = GetVariable("XDG_CONFIG_HOME");
        if (xdg is not null)
        {
            yield return Path.Combine(xdg.Trim(), "openstack");
        }
        else if (home is not null)
        {
            yield return Path.Combine(home, ".config", "openstack");
        }
    }

    // platformdirs' site_config_dir, then openstacksdk's own /etc/openstack. openstacksdk asks
    // platformdirs for every XDG_CONFIG_DIRS entry but joins them into one string, so only a
    // single entry ever works there; each entry is searched here.
    private IEnumerable<string> DefaultSystemDirectories()
    {
        if (OperatingSystem.IsWindows())
        {
            string? programData = GetVariable("ProgramData")
                ?? (Environment is null ? System.Environment.GetFolderPath(System.Environment.SpecialFolder.CommonApplicationData) : null);
            if (!string.IsNullOrEmpty(programData))
            {
                yield return Path.Combine(programData, "OpenStack", "openstack");
            }

            yield break;
        }

        if (OperatingSystem.IsMacOS())
        {
            yield return "/Library/Application Support/openstack";
        }
        else
        {
            string dirs = GetVariable("XDG_CONFIG_DIRS") ?? "/etc/xdg";
            foreach (string dir in dirs.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return Path.Combine(dir, "openstack");
            }
        }

        yield return "/etc/openstack";
    }
}
