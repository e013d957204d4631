using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry.Yaml;

/// <summary>Reads YAML text into a representation-model tree with marks, collecting duplicate keys instead of throwing on them.</summary>
internal static class YamlDocumentParser
{
    /// <summary>Parses <paramref name="text"/>; never throws on bad YAML (the problem is in the result).</summary>
    public static ParsedYaml Parse(string text)
    {
        var filter = new DuplicateKeyFilter(new Parser(new StringReader(text)));
        var stream = new YamlStream();
        try
        {
            stream.Load(filter);
        }
        catch (YamlException exception)
        {
            return new ParsedYaml { Text = text, SyntaxError = exception };
        }

        return new ParsedYaml
        {
            Text = text,
            Root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null,
            Duplicates = filter.Duplicates,
            ExtraDocuments = [.. stream.Documents.Skip(1).Select(d => d.RootNode.Start)],
            FlowEnds = filter.FlowEnds,
        };
    }
}
