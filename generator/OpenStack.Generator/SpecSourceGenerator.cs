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
/// and one JSON context. Pipeline: Parse (per file) → Bind (resource + its service) → Emit.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SpecSourceGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incrementality tests.</summary>
    public static class Steps
    {
        public const string Parse = "Parse";
        public const string Services = "Services";
        public const string Bind = "Bind";
        public const string Roots = "Roots";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider.Select((p, _) =>
        {
            p.GlobalOptions.TryGetValue("build_property.OpenStackGeneratorRootNamespace", out var root);
            p.GlobalOptions.TryGetValue("build_property.OpenStackGeneratorContextName", out var ctx);
            p.GlobalOptions.TryGetValue("build_property.OpenStackGeneratorClientName", out var client);
            return new GeneratorOptions(
                string.IsNullOrWhiteSpace(root) ? "OpenStack" : root!,
                string.IsNullOrWhiteSpace(ctx) ? "OpenStackJsonContext" : ctx!,
                string.IsNullOrWhiteSpace(client) ? "OpenStackClient" : client!);
        });

        var parsed = context.AdditionalTextsProvider
            .Where(t => SpecParser.IsSpecFile(t.Path))
            .Select((t, ct) => SpecParser.Parse(t.Path, t.GetText(ct)?.ToString(), ct))
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
            .WithTrackingName(Steps.Services);

        var bound = parsed
            .Where(p => p.Resource is not null)
            .Select((p, _) => p.Resource!)
            .Combine(services)
            .Select((pair, _) => Bind(pair.Left, pair.Right))
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

        context.RegisterSourceOutput(roots.Combine(options), (spc, pair) =>
        {
            var ((resources, allServices), o) = pair;
            EmitRoots(spc, o, resources, allServices);
        });
    }

    /// <summary>A resource joined to the service file of its folder, or the reason it cannot be.</summary>
    internal sealed record BindResult(BoundResource? Bound, DiagnosticInfo? Diagnostic);

    private static BindResult Bind(ResourceModel resource, EquatableArray<ServiceModel> services)
    {
        var matches = services.Where(s => s.Folder == resource.Folder).ToList();
        if (matches.Count == 0)
            return new BindResult(null, DiagnosticInfo.Create(DiagnosticDescriptors.MissingServiceFile, resource.Path, 1, 1, resource.Name, resource.Folder));
        return new BindResult(new BoundResource(matches[0], resource), null);
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
    }

    private static void EmitRoots(SourceProductionContext spc, GeneratorOptions o, EquatableArray<BoundResource> resources, EquatableArray<ServiceModel> services)
    {
        var seenServices = new Dictionary<string, ServiceModel>(StringComparer.Ordinal);
        foreach (var s in services)
        {
            if (seenServices.TryGetValue(s.Folder, out var first))
            {
                spc.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateDefinition, s.Path, 1, 1, "Service", s.Type, s.Folder, first.Path).ToDiagnostic());
                continue;
            }
            seenServices[s.Folder] = s;
        }
        var usable = new List<BoundResource>();
        var seenResources = new Dictionary<string, BoundResource>(StringComparer.Ordinal);
        foreach (var b in resources)
        {
            var key = b.Service.Folder + "/" + b.Resource.Plural;
            if (seenResources.TryGetValue(key, out var first))
            {
                spc.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateDefinition, b.Resource.Path, 1, 1, "Resource", b.Resource.Plural, b.Service.Folder, first.Resource.Path).ToDiagnostic());
                continue;
            }
            seenResources[key] = b;
            usable.Add(b);
        }
        foreach (var s in seenServices.Values)
        {
            var mine = usable.Where(b => b.Service.Folder == s.Folder).Select(b => b.Resource).OrderBy(r => r.Plural, StringComparer.Ordinal).ToList();
            spc.AddSource(s.Namespace + "." + Names.ServiceClass(s) + ".g.cs", SourceText.From(RootEmitter.Service(o, s, mine), System.Text.Encoding.UTF8));
        }
        if (seenServices.Count > 0)
            spc.AddSource(o.ClientName + "Services.g.cs", SourceText.From(RootEmitter.EntryClient(o, seenServices.Values.OrderBy(s => s.ClientProperty, StringComparer.Ordinal).ToList()), System.Text.Encoding.UTF8));
        if (usable.Count > 0)
            spc.AddSource(o.ContextName + ".g.cs", SourceText.From(RootEmitter.JsonContext(o, usable), System.Text.Encoding.UTF8));
    }
}
