using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Newtonsoft.Json.Linq;
using OpenStack.Generator.Diagnostics;
using OpenStack.Generator.Model;

namespace OpenStack.Generator.Parse;

/// <summary>A spec file handed to the generator, with its role: emitted (the project's own) or reference-only.</summary>
internal sealed record SpecInput(string Path, string? Text, bool IsReference);

/// <summary>
/// A reference-only spec (the SDK's own specs, shipped in its package): loaded as a base that a consumer's spec can
/// <c>extends:</c>, and its service files bind resources in folders where the consumer has none. Never emitted.
/// </summary>
internal sealed record ReferenceSpec(string Id, string Path, string Text);

/// <summary>
/// Overlays: a resource spec with <c>extends: &lt;service-type&gt;/&lt;version&gt;/&lt;resource&gt;</c> is merged onto that
/// reference spec at the YAML-mapping level before it is validated and parsed, so it describes a complete resource.
/// </summary>
/// <remarks>
/// Merge rules: mappings merge key by key (recursively); a list in the overlay extends the base's list (items the base
/// already has are not repeated: create/update field names, required names, enum values); any other value in the overlay
/// replaces the base's. Positions: every node the overlay wrote keeps its own line and column; a node that only the base
/// has reports at its nearest ancestor the overlay wrote, and at the overlay's <c>extends</c> key when there is none, so a
/// diagnostic always lands in the file the consumer can edit.
/// </remarks>
internal static class SpecOverlay
{
    /// <summary>Per-file MSBuild metadata (AdditionalFiles item metadata OpenStackSpecRole) that marks a reference spec.</summary>
    public const string RoleOption = "build_metadata.AdditionalFiles.OpenStackSpecRole";

    public const string ReferenceRole = "reference";

    public const string ExtendsKey = "extends";

    public static SpecInput Input(AdditionalText text, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        var isReference = options.GetOptions(text).TryGetValue(RoleOption, out var role)
            && string.Equals(role, ReferenceRole, StringComparison.OrdinalIgnoreCase);
        return new SpecInput(text.Path, text.GetText(cancellationToken)?.ToString(), isReference);
    }

    /// <summary>"…/image/v2/images.yaml" → "image/v2/images": what <c>extends</c> names.</summary>
    public static string? IdOf(string path)
    {
        var folder = SpecParser.FolderOf(path);
        if (folder is null) return null;
        var file = path.Replace('\\', '/');
        file = file.Substring(file.LastIndexOf('/') + 1);
        var dot = file.LastIndexOf('.');
        return folder + "/" + (dot > 0 ? file.Substring(0, dot) : file);
    }

    public static EquatableArray<ReferenceSpec> References(IEnumerable<SpecInput> inputs)
        => inputs.Where(i => i.IsReference && i.Text is not null && IdOf(i.Path) is not null)
            .Select(i => new ReferenceSpec(IdOf(i.Path)!, i.Path, i.Text!))
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ToEquatableArray();

    /// <summary>The reference service files, parsed; a broken one is skipped (it is not the consumer's to fix).</summary>
    public static EquatableArray<ServiceModel> ReferenceServices(EquatableArray<ReferenceSpec> references, CancellationToken cancellationToken)
    {
        var result = new List<ServiceModel>();
        foreach (var r in references)
        {
            if (!r.Text.Contains("service")) continue;
            var parsed = SpecParser.Parse(r.Path, r.Text, cancellationToken);
            if (parsed.Service is not null) result.Add(parsed.Service);
        }
        return result.OrderBy(s => s.Path, StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary>
    /// The project's own services, then reference services for the folders the project has no service file for
    /// (an overlay of image/v2/images binds to the SDK's image/v2 service). A reference service that would clash with one
    /// of the project's (same namespace or client name) is left out rather than reported: it is not the project's file.
    /// </summary>
    public static EquatableArray<ServiceModel> WithReferenceServices(EquatableArray<ServiceModel> own, EquatableArray<ServiceModel> references)
    {
        if (references.Count == 0) return own;
        var result = own.ToList();
        foreach (var r in references)
        {
            if (result.Any(s => s.Folder == r.Folder || s.Namespace == r.Namespace || s.ClientProperty == r.ClientProperty)) continue;
            result.Add(r);
        }
        return result.ToEquatableArray();
    }

    /// <summary>
    /// When the loaded spec has <c>extends</c>, replaces its tree by the merge onto the named reference spec. Returns false
    /// (with a diagnostic) when the target cannot be used; true otherwise, including when there is nothing to do.
    /// </summary>
    public static bool TryApply(string path, YamlLoader loader, EquatableArray<ReferenceSpec>? references, List<DiagnosticInfo> diagnostics)
    {
        if (loader.Root is not JObject overlay || overlay[ExtendsKey] is not JValue { Type: JTokenType.String } target) return true;
        var at = loader.PositionOf(ExtendsKey);
        var id = ((string)target!).Trim().Trim('/');
        foreach (var ext in new[] { ".yaml", ".yml", ".json" })
            if (id.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) id = id.Substring(0, id.Length - ext.Length);

        void Fail(string why) => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadExtendsTarget, path, at.Line, at.Column, id, why));

        var available = references ?? EquatableArray<ReferenceSpec>.Empty;
        var found = available.FirstOrDefault(r => r.Id == id);
        if (found is null)
        {
            var known = available.Where(r => !r.Id.EndsWith("/service", StringComparison.Ordinal)).Select(r => r.Id).ToList();
            Fail(known.Count == 0
                ? "no reference specs are available (only a consumer project of the OpenStack.Sdk package has them)"
                : "it is not one of the SDK's resources: " + string.Join(", ", known));
            return false;
        }
        var baseLoader = new YamlLoader();
        if (!baseLoader.TryLoad(found.Text, out var error, out _) || baseLoader.Root is not JObject baseRoot)
        {
            Fail("its spec " + found.Path + " cannot be read (" + (error.Length == 0 ? "not a mapping" : error) + ")");
            return false;
        }
        if (baseRoot["kind"] is not JValue { Type: JTokenType.String } kind || (string)kind! != "resource")
        {
            Fail("it is not a resource spec (kind: resource)");
            return false;
        }
        if (baseRoot[ExtendsKey] is not null)
        {
            Fail("it is an overlay itself; overlays extend the SDK's resources only");
            return false;
        }
        var merged = (JObject)baseRoot.DeepClone();
        var extendedLists = new List<string>();
        Merge(merged, overlay, "", extendedLists);
        loader.ReplaceRoot(merged, at, extendedLists);
        return true;
    }

    /// <summary>Merges overlay into target in place (see the type's remarks for the rules).</summary>
    /// <param name="extendedLists">Receives the dotted paths of lists the overlay extended: their items moved.</param>
    internal static void Merge(JObject target, JObject overlay, string at, List<string> extendedLists)
    {
        foreach (var property in overlay.Properties())
        {
            var existing = target[property.Name];
            var path = SpecParser.Join(at, property.Name);
            if (existing is JObject targetMap && property.Value is JObject overlayMap)
                Merge(targetMap, overlayMap, path, extendedLists);
            else if (existing is JArray targetList && property.Value is JArray overlayList)
            {
                extendedLists.Add(path);
                foreach (var item in overlayList)
                    if (!targetList.Any(t => JToken.DeepEquals(t, item))) targetList.Add(item.DeepClone());
            }
            else
                target[property.Name] = property.Value.DeepClone();
        }
    }
}
