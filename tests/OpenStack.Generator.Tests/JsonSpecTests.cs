using System;
using System.Linq;
using OpenStack.Generator.Tests.Support;
using Xunit;

namespace OpenStack.Generator.Tests;

/// <summary>A .json spec is read like YAML (JSON is YAML's flow style): same code, same diagnostics with positions.</summary>
public class JsonSpecTests
{
    private const string Folder = "specs/test/v1/";
    private static readonly SpecText Service = new(Folder + "service.yaml", "kind: service\ntype: test\nversion: v1\n");

    private const string CogsYaml = """
        kind: resource
        name: Cog
        path: cogs
        pagination: { kind: none }
        fields:
          id: { type: string, readOnly: true }
          pitch: { type: number, description: "Tooth pitch in mm." }
          shape: { type: string, enum: [spur, helical] }
        operations:
          list: {}
          get: {}
          delete: {}
        """;

    private const string CogsJson = """
        {
          "kind": "resource",
          "name": "Cog",
          "path": "cogs",
          "pagination": { "kind": "none" },
          "fields": {
            "id": { "type": "string", "readOnly": true },
            "pitch": { "type": "number", "description": "Tooth pitch in mm." },
            "shape": { "type": "string", "enum": ["spur", "helical"] }
          },
          "operations": { "list": {}, "get": {}, "delete": {} }
        }
        """;

    [Fact]
    public void Json_spec_generates_the_same_code_as_yaml()
    {
        var fromYaml = GeneratorRunner.Run(new SpecText(Folder + "cogs.yaml", CogsYaml), Service);
        var fromJson = GeneratorRunner.Run(new SpecText(Folder + "cogs.json", CogsJson), Service);

        Assert.Null(fromJson.Exception);
        Assert.Empty(fromJson.Diagnostics);
        Assert.Empty(fromYaml.Diagnostics);
        Assert.Equal(fromYaml.GeneratedSources.Select(s => s.HintName), fromJson.GeneratedSources.Select(s => s.HintName));
        Assert.Contains(fromJson.GeneratedSources, s => s.HintName == "Test.V1.Cogs.CogTypes.g.cs");
        foreach (var (yaml, json) in fromYaml.GeneratedSources.Zip(fromJson.GeneratedSources))
        {
            // Only the "Generated ... from specs/test/v1/cogs.yaml" header names the file.
            var expected = yaml.SourceText.ToString().Replace("cogs.yaml", "cogs.json", StringComparison.Ordinal);
            Assert.Equal(expected, json.SourceText.ToString());
        }
    }

    [Fact]
    public void Json_spec_errors_point_at_the_json_key()
    {
        var json = CogsJson.Replace("\"readOnly\": true", "\"readonly\": true", StringComparison.Ordinal);
        var result = GeneratorRunner.Run(new SpecText(Folder + "cogs.json", json), Service);

        Assert.Null(result.Exception);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("OSG002", d.Id);
        var span = d.Location.GetLineSpan();
        Assert.Equal(Folder + "cogs.json", span.Path);
        Assert.Equal((7, 31), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Empty(result.GeneratedSources.Where(s => s.HintName.Contains("Cog", StringComparison.Ordinal)));
    }
}
