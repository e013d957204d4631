using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry.Binding;

/// <summary>Binds one item of a node's <c>storage:</c> list.</summary>
internal static class StorageBinder
{
    private static readonly string[] Keys = ["path", "size_tb", "type"];

    public static StorageConfig? Bind(YamlNode item, string description, ConfigBindingContext context)
    {
        if (context.ReadMapping(item, description, Keys) is not { } storage)
        {
            return null;
        }

        var path = storage.GetString("path", required: true, missingHint: "write the mount point, e.g. path: /mnt/nas");
        if (path is not null && !path.StartsWith('/'))
        {
            context.ReportError(storage.ValueOf("path")!, $"path '{path}' in {description} is not an absolute path", "write the mount point on the node, e.g. path: /mnt/nas");
            path = null;
        }

        var size = storage.GetNumber("size_tb", min: 0, minExclusive: true, rangeHint: "write the capacity in TB, e.g. size_tb: 14");
        var type = storage.GetString("type");
        return path is null ? null : new StorageConfig { Path = path, SizeTb = size, Type = type };
    }
}
