using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStack.Catalog;

/// <summary>
/// The official service types and their historical aliases (the OpenStack service-types authority),
/// so a cloud that registers Cinder as <c>volumev3</c> and one that uses <c>block-storage</c> both work,
/// whichever name a spec or a user asks for.
/// </summary>
public static class ServiceTypes
{
    // Official type first, then aliases in the order clouds are most likely to use them.
    private static readonly string[][] Groups =
    {
        new[] { "block-storage", "volumev3", "volumev2", "volume", "block-store" },
        new[] { "shared-file-system", "sharev2", "share" },
        new[] { "container-infrastructure-management", "container-infrastructure", "container-infra" },
        new[] { "baremetal", "bare-metal" },
        new[] { "baremetal-introspection" },
        new[] { "workflow", "workflowv2" },
        new[] { "clustering", "cluster" },
        new[] { "data-processing" },
        new[] { "application-catalog" },
        new[] { "load-balancer" },
        new[] { "key-manager" },
        new[] { "orchestration" },
        new[] { "dns" },
        new[] { "compute" },
        new[] { "identity" },
        new[] { "image" },
        new[] { "network" },
        new[] { "object-store" },
        new[] { "placement" },
        new[] { "metric" },
        new[] { "alarm", "alarming" },
        new[] { "instance-ha" },
        new[] { "reservation" },
    };

    private static readonly Dictionary<string, string[]> ByName = Groups
        .SelectMany(g => g.Select(name => (name, g)))
        .ToDictionary(x => x.name, x => x.g, StringComparer.OrdinalIgnoreCase);

    /// <summary>The official type for a type or alias (<c>volumev3</c> → <c>block-storage</c>); unknown names are returned as given.</summary>
    public static string Official(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return ByName.TryGetValue(type, out var group) ? group[0] : type;
    }

    /// <summary>
    /// Every name to look for in a catalog, in order: the requested type, the extra aliases given
    /// (e.g. from a spec), then the official type and its known aliases. No name appears twice.
    /// </summary>
    public static IReadOnlyList<string> CandidateNames(string type, IReadOnlyList<string>? extraAliases = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        var names = new List<string> { type };
        void Add(string name)
        {
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase)) names.Add(name);
        }

        if (extraAliases is not null) foreach (var alias in extraAliases) Add(alias);
        if (ByName.TryGetValue(type, out var group)) foreach (var name in group) Add(name);
        return names;
    }

    /// <summary>The key form openstacksdk uses in clouds.yaml (<c>block-storage</c> → <c>block_storage</c>).</summary>
    public static string ConfigKey(string type) => Official(type).Replace('-', '_');
}
