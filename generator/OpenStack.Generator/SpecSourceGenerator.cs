using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using OpenStack.Generator.Diagnostics;
using OpenStack.Generator.Emit;
using OpenStack.Generator.Model;
using OpenStack.Generator.Parse;

namespace OpenStack.Generator;

/// <summary>
/// Reads spec files (AdditionalFiles) and emits option types, result records, Refit interfaces, clients
/// and one JSON context per resource. Pipeline: Parse (per file) → Bind (resource + its service) → Emit.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SpecSourceGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incrementality tests.</summary>
    public static class Steps
    {
        public const string Parse = "Parse";
        public const string Services = "Services";
        public const string Identities = "Identities";
        public const string Bind = "Bind";
        public const string Roots = "Roots";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider.Select((p, _) =>
        {
            p.GlobalOptions.TryGetValue("build_property.OpenStackGeneratorRootNamespace", out var root);
            p.GlobalOptions.TryGetValue("build_property.OpenStackGeneratorClientName", out var client);
            p.GlobalOptions.TryGetValue("build_property.OpenStackGeneratorMode", out var mode);
            return new GeneratorOptions(
                string.IsNullOrWhiteSpace(root) ? "OpenStack" : root!,
                string.IsNullOrWhiteSpace(client) ? "OpenStackClient" : client!,
                string.Equals(mode, "consumer", StringComparison.OrdinalIgnoreCase));
        });

        // Reference-only specs (SpecOverlay): bases for `extends:` and service files for their folders, never emitted.
        var inputs = context.AdditionalTextsProvider
            .Where(t => SpecParser.IsSpecFile(t.Path))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select((pair, ct) => SpecOverlay.Input(pair.Left, pair.Right, ct));
        var references = inputs.Collect().Select((all, _) => SpecOverlay.References(all));
        var referenceServices = references.Select((all, ct) => SpecOverlay.ReferenceServices(all, ct));

        var parsed = inputs
            .Where(i => !i.IsReference)
            .Combine(references)
            .Select((pair, ct) => SpecParser.Parse(pair.Left.Path, pair.Left.Text, ct, pair.Right.Count == 0 ? null : pair.Right))
            .WithTrackingName(Steps.Parse);

        context.RegisterSourceOutput(parsed, (spc, p) =>
        {
            foreach (var d in p.Diagnostics) spc.ReportDiagnostic(d.ToDiagnostic());
        });

        var services = parsed
            .Where(p => p.Service is not null)
            .Select((p, _) => p.Service!)
            .Collect()
            .Select((all, _) => all.OrderBy(s => s.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.Services)
            .Combine(referenceServices)
            .Select((pair, _) => SpecOverlay.WithReferenceServices(pair.Left, pair.Right));

        // What makes resources clash (folder, C# name, plural) and nothing else, so editing one spec's
        // fields or descriptions leaves this step unchanged and every other resource cached.
        var identities = parsed
            .Where(p => p.Resource is not null)
            .Select((p, _) => new ResourceIdentity(p.Resource!.Path, p.Resource.Folder, p.Resource.Name, p.Resource.Plural,
                p.Resource.NestedTypes.Select(t => t.CsName).Concat(p.Resource.Enums.Select(e => e.CsName)).ToEquatableArray()))
            .Collect()
            .Select((all, _) => all.OrderBy(i => i.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.Identities);

        var bound = parsed
            .Where(p => p.Resource is not null)
            .Select((p, _) => p.Resource!)
            .Combine(services)
            .Combine(identities)
            .Select((pair, _) => Bind(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(Steps.Bind);

        context.RegisterSourceOutput(bound.Combine(options), (spc, pair) =>
        {
            var (result, o) = pair;
            if (result.Diagnostic is not null) spc.ReportDiagnostic(result.Diagnostic.ToDiagnostic());
            if (result.Bound is not null) EmitResource(spc, o, result.Bound);
        });

        var roots = bound
            .Where(b => b.Bound is not null)
            .Select((b, _) => b.Bound!)
            .Collect()
            .Select((all, _) => all.OrderBy(b => b.Resource.Path, StringComparer.Ordinal).ToEquatableArray())
            .Combine(services)
            .WithTrackingName(Steps.Roots);

        context.RegisterSourceOutput(roots.Combine(referenceServices).Combine(options), (spc, pair) =>
        {
            var (((resources, allServices), sdkServices), o) = pair;
            EmitRoots(spc, o, resources, allServices, sdkServices);
        });
    }

    /// <summary>A resource joined to the service file of its folder, or the reason it cannot be.</summary>
    internal sealed record BindResult(BoundResource? Bound, DiagnosticInfo? Diagnostic);

    /// <summary>The names of a resource that must be unique in its folder (they become type and file names).</summary>
    internal sealed record ResourceIdentity(string Path, string Folder, string Name, string Plural, EquatableArray<string> NestedTypeNames);

    /// <summary>A service the generator can emit, or the duplicate that was left out and why.</summary>
    private sealed record ServiceChoice(ServiceModel Service, DiagnosticInfo? Rejection);

    private static BindResult Bind(ResourceModel resource, EquatableArray<ServiceModel> services, EquatableArray<ResourceIdentity> identities)
    {
        var choices = ChooseServices(services).Where(c => c.Service.Folder == resource.Folder).ToList();
        if (choices.Count == 0)
            return new BindResult(null, DiagnosticInfo.Create(DiagnosticDescriptors.MissingServiceFile, resource.Path, 1, 1, resource.Name, resource.Folder));
        var service = choices.FirstOrDefault(c => c.Rejection is null)?.Service;
        if (service is null) return new BindResult(null, null); // its service file was rejected, with a diagnostic there

        // The first spec (by path) keeps a name; a later one would emit the same hint names (an exception
        // in AddSource that drops all output) or the same types (CS0101), so it is reported instead.
        foreach (var other in identities)
        {
            if (string.CompareOrdinal(other.Path, resource.Path) >= 0) break;
            if (other.Folder != resource.Folder) continue;
            if (other.Plural == resource.Plural || other.Name == resource.Name)
            {
                var (kind, name) = other.Plural == resource.Plural ? ("Resource plural", resource.Plural) : ("Resource name", resource.Name);
                return new BindResult(null, DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateDefinition, resource.Path, 1, 1, kind, name, resource.Folder, other.Path));
            }
            // Nested types and enums share the service's namespace: the same name twice would be CS0101.
            var mine = resource.NestedTypes.Select(t => t.CsName).Concat(resource.Enums.Select(e => e.CsName));
            var clash = mine.FirstOrDefault(n => other.NestedTypeNames.Contains(n) || n == other.Name);
            if (clash is not null)
                return new BindResult(null, DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, resource.Path, 1, 1, resource.Path, other.Path, clash, resource.Folder));
        }
        return new BindResult(new BoundResource(service, resource), null);
    }

    /// <summary>
    /// Services in path order; a later one is rejected when it shares a folder, a C# namespace or a client
    /// property with an earlier one (same hint names or members otherwise). Pure, so Bind and the roots agree.
    /// </summary>
    private static List<ServiceChoice> ChooseServices(EquatableArray<ServiceModel> services)
    {
        var result = new List<ServiceChoice>();
        var accepted = new List<ServiceModel>();
        foreach (var s in services)
        {
            DiagnosticInfo? rejection = null;
            foreach (var first in accepted)
            {
                if (first.Folder == s.Folder)
                    rejection = DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateDefinition, s.Path, 1, 1, "Service", s.Type, s.Folder, first.Path);
                else if (first.Namespace == s.Namespace)
                    rejection = DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateDefinition, s.Path, 1, 1, "Service namespace", s.Namespace, "specs/", first.Path);
                else if (first.ClientProperty == s.ClientProperty)
                    rejection = DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateDefinition, s.Path, 1, 1, "Service client property", s.ClientProperty, "specs/", first.Path);
                if (rejection is not null) break;
            }
            if (rejection is null) accepted.Add(s);
            result.Add(new ServiceChoice(s, rejection));
        }
        return result;
    }

    private static void EmitResource(SourceProductionContext spc, GeneratorOptions o, BoundResource b)
    {
        var r = b.Resource;
        var prefix = Names.HintPrefix(b.Service, r) + ".";
        void Add(string file, string? source)
        {
            if (source is not null) spc.AddSource(prefix + file + ".g.cs", SourceText.From(source, System.Text.Encoding.UTF8));
        }
        Add(r.Name, ModelEmitter.Resource(o, b));
        Add(r.Name + "Types", ModelEmitter.Types(o, b));
        if (r.List is not null) Add(Names.ListOptions(r), ModelEmitter.ListOptions(o, b));
        if (r.Create is not null) Add(Names.CreateOptions(r), ModelEmitter.CreateOptions(o, b));
        if (r.Update is not null) Add(Names.UpdateOptions(r), ModelEmitter.UpdateOptions(o, b));
        Add(r.Name + "Wire", ModelEmitter.Wire(o, b));
        Add(r.Name + "Responses", ModelEmitter.ActionResponses(o, b));
        Add(Names.ApiInterface(r), ApiEmitter.RefitInterface(o, b));
        Add(Names.ClientClass(r), ApiEmitter.Client(o, b));
        Add(Names.JsonContext(b.Service, r), ContextEmitter.JsonContext(o, b));
    }

    private static void EmitRoots(SourceProductionContext spc, GeneratorOptions o, EquatableArray<BoundResource> resources,
        EquatableArray<ServiceModel> services, EquatableArray<ServiceModel> referenceServices)
    {
        // Duplicate resources never get here: Bind reported them. Duplicate services are reported here, once.
        var usableServices = new List<ServiceModel>();
        foreach (var choice in ChooseServices(services))
        {
            // A reference (SDK) service is emitted only for the project's own resources in its folder (an overlay).
            var isReference = referenceServices.Contains(choice.Service);
            if (isReference && !resources.Any(b => b.Service.Folder == choice.Service.Folder)) continue;
            if (choice.Rejection is not null) { if (!isReference) spc.ReportDiagnostic(choice.Rejection.ToDiagnostic()); }
            else usableServices.Add(choice.Service);
        }
        foreach (var s in usableServices)
        {
            var mine = resources.Where(b => b.Service.Folder == s.Folder).Select(b => b.Resource).OrderBy(r => r.Plural, StringComparer.Ordinal).ToList();
            spc.AddSource(s.Namespace + "." + Names.ServiceClass(s) + ".g.cs", SourceText.From(RootEmitter.Service(o, s, mine), System.Text.Encoding.UTF8));
        }
        if (usableServices.Count > 0)
        {
            var ordered = usableServices.OrderBy(s => s.ClientProperty, StringComparer.Ordinal).ToList();
            spc.AddSource(o.ClientName + "Services.g.cs", SourceText.From(o.ConsumerMode
                ? RootEmitter.EntryExtensions(o, ordered, referenceServices.Select(s => s.ClientProperty).ToList())
                : RootEmitter.EntryClient(o, ordered), System.Text.Encoding.UTF8));
        }
    }
}
