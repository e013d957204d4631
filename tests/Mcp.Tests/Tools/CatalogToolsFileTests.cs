using PveAgent.Mcp.Tools;
using PveAgent.Plugins;
using PveAgent.TestSupport;

namespace PveAgent.Mcp.Tests.Tools;

public sealed class CatalogToolsFileTests
{
    [Fact]
    public void EmbeddedFile_IsWhatTheCatalogProducesNow()
    {
        // tools/list answers from this file; if a plugin's tool changes, this fails until the file is regenerated
        // (PVEAGENT_APPROVE=1), so the listing can never drift from the catalog.
        ApprovedFile.Verify(CatalogToolsFile.Write(ToolCatalog.Default.Tools), "src/Mcp/Tools/catalog-tools.json");
    }
}
