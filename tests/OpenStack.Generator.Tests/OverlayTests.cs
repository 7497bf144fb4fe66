using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenStack.Generator.Tests.Support;
using Xunit;

namespace OpenStack.Generator.Tests;

/// <summary>
/// Consumer mode and overlays, as the OpenStack.Sdk package's build step runs them: the SDK's specs are reference-only
/// (OpenStackSpecRole=reference: bases for `extends:`, service files for their folders, never emitted), the project's own
/// specs are emitted into its namespace, and services hang off OpenStackClient through extension methods.
/// </summary>
public class OverlayTests
{
    private const string Overlay = """
        # A vendor's image service: the standard image resource plus its own field and filters.
        extends: image/v2/images
        fields:
          virtual_env_type: { type: string, enum: [FusionCompute, Ironic, DataImage] }
        operations:
          list:
            query:
              __os_bit: { type: string }
              __platform: { type: string }
              __imagetype: { type: string }
          create:
            fields: [virtual_env_type]
        """;

    [Fact]
    public void An_overlay_extends_the_sdk_resource_in_the_projects_namespace()
    {
        var result = Run(new SpecText("OpenStack/image/v2/images.yaml", Overlay));
        Assert.True(result.Diagnostics.IsEmpty, GeneratorRunner.Describe(result.Diagnostics));
        var sources = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        // Only the overlay's resource, its service and the roots: reference specs are never emitted.
        Assert.DoesNotContain(sources.Keys, k => k.StartsWith("Identity.", System.StringComparison.Ordinal));
        var image = sources["Image.V2.Images.Image.g.cs"];
        Assert.Contains("namespace Vendor.Cloud.Image.V2;", image);
        Assert.Contains("VirtualEnvType", image);          // the vendor field, typed
        Assert.Contains("DiskFormat", image);              // a standard field still there
        var list = sources["Image.V2.Images.ImageListOptions.g.cs"];
        Assert.Contains("\"__os_bit\"", list);             // vendor filters
        Assert.Contains("\"__imagetype\"", list);
        Assert.Contains("\"sort_key\"", list);             // a standard filter kept
        Assert.Contains("VirtualEnvType", sources["Image.V2.Images.ImageCreateOptions.g.cs"]); // create list extended
        Assert.Contains("UploadAsync", sources["Image.V2.Images.ImagesClient.g.cs"]);           // standard actions kept

        // The SDK's client has an Image property: the extension method cannot take that name.
        var entry = sources["OpenStackClientServices.g.cs"];
        Assert.Contains("public static global::Vendor.Cloud.Image.V2.ImageService ImageExtended(this global::OpenStack.OpenStackClient client)", entry);
        Assert.Contains("client.GetOrCreateService(", entry);
        Assert.DoesNotContain("partial class OpenStackClient\n", entry);
        // The project's own context, per resource, in its own namespace: no clash with the SDK's own ImageImagesJsonContext.
        var context = sources["Image.V2.Images.ImageImagesJsonContext.g.cs"];
        Assert.Contains("namespace Vendor.Cloud.Image.V2;", context);
        Assert.Contains("public partial class ImageImagesJsonContext", context);
    }

    [Fact]
    public void A_new_service_gets_an_extension_method_named_after_its_client()
    {
        var service = new SpecText("OpenStack/dns/v2/service.yaml", "kind: service\ntype: dns\nversion: v2\n");
        var zones = new SpecText("OpenStack/dns/v2/zones.yaml", """
            kind: resource
            name: Zone
            path: zones
            envelope: { item: null, list: zones }
            pagination: { kind: next, next: links.next }
            fields:
              id: { type: string, readOnly: true }
              name: { type: string }
            operations:
              list: {}
              get: {}
            """);
        var result = Run(service, zones);
        Assert.True(result.Diagnostics.IsEmpty, GeneratorRunner.Describe(result.Diagnostics));
        var entry = result.GeneratedSources.Single(s => s.HintName == "OpenStackClientServices.g.cs").SourceText.ToString();
        Assert.Contains("public static global::Vendor.Cloud.Dns.V2.DnsService Dns(this global::OpenStack.OpenStackClient client)", entry);
        Assert.DoesNotContain("ImageExtended", entry); // reference services without the project's resources are not emitted
    }

    [Fact]
    public void A_new_service_with_microversions_hands_its_negotiator_to_the_clients()
    {
        var service = new SpecText("OpenStack/shares/v2/service.yaml", """
            kind: service
            type: shared-file-system
            version: v2
            namespace: Shares.V2
            client: Shares
            microversion: { header: X-OpenStack-Manila-API-Version, service: share, max: "2.75" }
            """);
        var shares = new SpecText("OpenStack/shares/v2/shares.yaml", """
            kind: resource
            name: Share
            path: shares
            envelope: { item: share, list: shares }
            fields:
              id: { type: string, readOnly: true }
              name: { type: string }
              mount_point_name: { type: string, minVersion: "2.84" }
            operations:
              get: {}
              create:
                fields: [name, mount_point_name]
            """);
        var result = Run(service, shares);
        Assert.True(result.Diagnostics.IsEmpty, GeneratorRunner.Describe(result.Diagnostics));
        var entry = result.GeneratedSources.Single(s => s.HintName == "OpenStackClientServices.g.cs").SourceText.ToString();
        Assert.Contains("client.GetOrCreateService(global::Vendor.Cloud.Shares.V2.SharesService.Descriptor, static (http, versions) => new global::Vendor.Cloud.Shares.V2.SharesService(http, versions));", entry);
        var client = result.GeneratedSources.Single(s => s.HintName.EndsWith("SharesClient.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("_microversions.EnsureAsync(\"ShareCreateOptions.MountPointName\", \"2.84\"", client);
    }

    [Fact]
    public void An_error_in_what_the_overlay_adds_points_into_the_overlay()
    {
        var spec = new SpecText("OpenStack/image/v2/images.yaml", """
            extends: image/v2/images
            operations:
              create:
                fields: [no_such_field]
            """);
        var result = Run(spec);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("OSG009", d.Id);
        var span = d.Location.GetLineSpan();
        Assert.Equal(spec.Path, span.Path);
        Assert.Equal(4, span.StartLinePosition.Line + 1); // the list the overlay wrote (its items moved in the merge)
    }

    [Fact]
    public void Extending_something_the_sdk_does_not_have_lists_what_it_has()
    {
        var spec = new SpecText("OpenStack/image/v2/images.yaml", "extends: image/v2/pictures\n");
        var d = Assert.Single(Run(spec).Diagnostics);
        Assert.Equal("OSG016", d.Id);
        Assert.Equal(0, d.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("image/v2/images", d.GetMessage());
    }

    /// <summary>The project's specs plus the real SDK specs as references, in consumer mode under Vendor.Cloud.</summary>
    private static GeneratorRunResult Run(params SpecText[] own)
    {
        var references = TestPaths.RealSpecs();
        var options = new ConsumerOptions(references);
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
            new[] { new SpecSourceGenerator().AsSourceGenerator() },
            own.Concat(references).Cast<AdditionalText>(),
            GeneratorRunner.ParseOptions,
            options);
        return driver.RunGenerators(GeneratorRunner.EmptyCompilation()).GetRunResult().Results.Single();
    }

    private sealed class ConsumerOptions : AnalyzerConfigOptionsProvider
    {
        private static readonly Values None = new(new Dictionary<string, string>());
        private static readonly Values Reference = new(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.OpenStackSpecRole"] = "reference" });
        private readonly HashSet<AdditionalText> _references;

        public ConsumerOptions(IEnumerable<AdditionalText> references) => _references = new HashSet<AdditionalText>(references);

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(new Dictionary<string, string>
        {
            ["build_property.OpenStackGeneratorMode"] = "consumer",
            ["build_property.OpenStackGeneratorRootNamespace"] = "Vendor.Cloud",
        });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _references.Contains(textFile) ? Reference : None;

        private sealed class Values : AnalyzerConfigOptions
        {
            private readonly Dictionary<string, string> _values;

            public Values(Dictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
        }
    }
}
