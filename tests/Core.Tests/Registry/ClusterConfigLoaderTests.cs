using PveAgent.Core.Registry;
using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Registry;

public sealed class ClusterConfigLoaderTests
{
    private static readonly ClusterConfigLoader Loader = new();

    private static LoadResult Load(string yaml) => Loader.Load(yaml, "cluster.yaml");

    private static ConfigDiagnostic SingleError(string yaml)
    {
        var result = Load(yaml);
        Assert.Null(result.Config);
        return Assert.Single(result.Diagnostics, d => d.IsError);
    }

    private static void AssertAt(ConfigDiagnostic diagnostic, int line, int column)
    {
        Assert.True(diagnostic.Line == line && diagnostic.Column == column,
            $"expected {line}:{column}, got {diagnostic}");
    }

    // ---- the committed sample ------------------------------------------------------------------------------

    [Fact]
    public async Task LoadFile_CommittedSample_HasNoErrorsAndNoWarnings()
    {
        var result = await Loader.LoadFileAsync(SharedFiles.InRepository("cluster.yaml"));

        Assert.Empty(result.Diagnostics);
        Assert.False(result.HasErrors);
        Assert.NotNull(result.Config);
        Assert.Equal(["brian", "pve3", "edge-tt"], result.Config.Nodes.Select(n => n.Name));
    }

    [Fact]
    public async Task LoadFile_CommittedSample_BrianHasThreeRtx3090With24Gb()
    {
        var config = (await Loader.LoadFileAsync(SharedFiles.InRepository("cluster.yaml"))).Config!;

        var brian = config.FindNode("BRIAN");
        Assert.NotNull(brian);
        Assert.Equal("192.168.0.183", brian.Host);
        var gpus = Assert.Single(brian.Accelerators);
        Assert.Equal(new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = "RTX 3090", Count = 3, VramGb = 24 }, gpus);
        Assert.Equal(new PowerProfile { IdleWatts = 110, MaxWatts = 1150 }, brian.Power);
        Assert.Equal("D8:5E:D3:4A:11:83", brian.WakeOnLan?.Mac);
        Assert.Equal(["vllm", "ollama"], brian.Services.Select(s => s.Name));
        Assert.Equal(["llama3.2:3b", "nomic-embed-text"], brian.Services[1].Models);
    }

    [Fact]
    public async Task LoadFile_CommittedSample_EdgeTtHasItsCapabilitiesAndAnEmbedServiceOfKindVllm()
    {
        var config = (await Loader.LoadFileAsync(SharedFiles.InRepository("cluster.yaml"))).Config!;

        var edge = config.FindNode("edge-tt")!;
        Assert.Equal([Capabilities.SpeechToText, Capabilities.SmallLlmInference, Capabilities.Embeddings], edge.Capabilities);
        Assert.Equal(AcceleratorKind.Tenstorrent, Assert.Single(edge.Accelerators).Kind);
        Assert.Equal(
            [("whisper", ServiceKind.Whisper, 9000), ("vllm", ServiceKind.Vllm, 8000), ("embed", ServiceKind.Vllm, 8001)],
            edge.Services.Select(s => (s.Name, s.Kind, s.Port)));
        Assert.Equal(402, edge.Services[2].Guest);
        Assert.Equal(ServiceKind.LlamaCpp, Assert.Single(config.FindNode("pve3")!.Services).Kind);
    }

    [Fact]
    public async Task LoadFile_CommittedSample_SimulatesAndReadsTheTokenFromAnEnvironmentVariable()
    {
        var config = (await Loader.LoadFileAsync(SharedFiles.InRepository("cluster.yaml"))).Config!;

        Assert.True(config.Cluster.Simulate);
        Assert.Equal("homelab", config.Cluster.Name);
        Assert.Equal(0.30, config.Cluster.EnergyPricePerKwh);
        Assert.Equal("EUR", config.Cluster.Currency);
        var proxmox = config.Proxmox!;
        Assert.Equal(("192.168.0.2", 8006, "pveagent@pve", "orchestrator"), (proxmox.Host, proxmox.Port, proxmox.User, proxmox.TokenName));
        Assert.Equal("PVEAGENT_TOKEN", proxmox.TokenSecret.EnvironmentVariable);
        Assert.False(proxmox.TokenSecret.IsInline);
        Assert.Equal(SharedFiles.InRepository("cluster.yaml"), config.SourcePath);
    }

    // ---- the seed's own cluster.yaml -------------------------------------------------------------------------

    private static string SeedYaml()
    {
        var readme = SharedFiles.ReadShared("seeds", "000_41b78906189a128f.txt").ReplaceLineEndings("\n");
        var start = readme.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        return readme[start..(end + 1)];
    }

    [Fact]
    public void Load_SeedYaml_ReportsExactlyThePlaceholderHostAndThePlainTextToken()
    {
        var result = Load(SeedYaml());

        Assert.Equal(2, result.Diagnostics.Count);
        var token = result.Diagnostics[0];
        Assert.Equal(ConfigSeverity.Warning, token.Severity);
        AssertAt(token, 7, 5);
        Assert.Contains("plain text", token.Message);
        Assert.Contains("token_value_env", token.Hint);
        var host = result.Diagnostics[1];
        Assert.Equal(ConfigSeverity.Error, host.Severity);
        AssertAt(host, 41, 11);
        Assert.Contains("'192.168.0.xxx'", host.Message);
        Assert.Contains("neither an IP address nor a hostname", host.Message);
        Assert.Contains("'xxx' is not a number from 0 to 255", host.Message);
        Assert.Null(result.Config);
    }

    [Fact]
    public void Load_SeedYamlWithARealHost_LoadsWithTheInlineTokenKeptOutOfEveryText()
    {
        var result = Load(SeedYaml().Replace("192.168.0.xxx", "192.168.0.150", StringComparison.Ordinal));

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigSeverity.Warning, warning.Severity);
        var config = result.Config!;
        Assert.True(config.Proxmox!.TokenSecret.IsInline);
        Assert.Equal("<secret>", config.Proxmox.TokenSecret.InlineValue);
        Assert.DoesNotContain("<secret>", warning.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<secret>", config.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<secret>", config.Proxmox.ToString(), StringComparison.Ordinal);
        Assert.Equal("inline:***", config.Proxmox.TokenSecret.ToString());
        Assert.Equal(["brian", "pve3", "edge-tt"], config.Nodes.Select(n => n.Name));
        Assert.Equal(14, config.FindNode("pve3")!.Storage.Single().SizeTb);
    }

    // ---- one test per diagnostic -------------------------------------------------------------------------------

    [Fact]
    public void Load_MisspeltNodeKey_IsAnUnknownKeyWithDidYouMean()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                acelerators: []
            """);

        AssertAt(error, 7, 5);
        Assert.Equal("cluster.yaml:7:5: error: unknown key 'acelerators' in node 'brian' — did you mean 'accelerators'?", error.ToString());
    }

    [Fact]
    public void Load_KeyFarFromAnyKnownKey_ListsTheAllowedKeys()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
              colour: blue
            """);

        AssertAt(error, 4, 3);
        Assert.Equal("unknown key 'colour' in 'cluster'", error.Message);
        Assert.StartsWith("allowed keys are: name, simulate,", error.Hint);
    }

    [Fact]
    public void Load_MisspeltTopLevelSection_SuggestsTheSection()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodse: {}
            """);

        AssertAt(error, 4, 1);
        Assert.Equal("unknown top-level section 'nodse'", error.Message);
        Assert.Equal("did you mean 'nodes'?", error.Hint);
    }

    [Fact]
    public void Load_WordWhereAnIntegerBelongs_IsAWrongTypeError()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                accelerators:
                  - type: nvidia
                    model: RTX 3090
                    count: three
            """);

        AssertAt(error, 10, 16);
        Assert.Equal("expected an integer for 'count' in accelerator 1 of node 'brian', got 'three'", error.Message);
    }

    [Fact]
    public void Load_ListWhereASingleValueBelongs_IsAWrongTypeError()
    {
        var error = SingleError("""
            cluster:
              name: [lab]
              simulate: true
            """);

        AssertAt(error, 2, 9);
        Assert.Equal("expected a single value for 'name' in 'cluster', got a list", error.Message);
    }

    [Fact]
    public void Load_SingleValueWhereAListBelongs_ShowsTheListSyntax()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                capabilities: training
            """);

        AssertAt(error, 7, 19);
        Assert.Equal("expected a list for 'capabilities' in node 'brian', got 'training'", error.Message);
        Assert.Contains("'- item'", error.Hint);
    }

    [Theory]
    [InlineData("192.168.0.xxx", "'xxx' is not a number from 0 to 255")]
    [InlineData("192.168.0.300", "'300' is not a number from 0 to 255")]
    [InlineData("192.168.0", "an IPv4 address has 4 numbers, this has 3")]
    [InlineData("192.168.0.2:8006", "it includes a port")]
    [InlineData("https://pve.lan", "it is a URL")]
    [InlineData("my_node.lan", "it contains '_'")]
    [InlineData("fe80::zz", "it is not a valid IPv6 address")]
    public void Load_BadNodeHost_ExplainsWhyItIsNeitherAnIpNorAHostname(string host, string reason)
    {
        var error = SingleError($"""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: "{host}"
            """);

        AssertAt(error, 6, 11);
        Assert.StartsWith($"host '{host}' of node 'brian' is neither an IP address nor a hostname: {reason}", error.Message);
        Assert.Contains("IPv4", error.Hint);
    }

    [Theory]
    [InlineData("192.168.0.150")]
    [InlineData("fd00::1")]
    [InlineData("brian.lan")]
    [InlineData("pve-3")]
    [InlineData("3com.example")]
    public void Load_GoodNodeHost_IsAccepted(string host)
    {
        var result = Load($"""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: {host}
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(host, result.Config!.Nodes[0].Host);
    }

    [Fact]
    public void Load_NodeDeclaredTwice_ReportsTheSecondWithTheLineOfTheFirst()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
              brian:
                host: 192.168.0.184
            """);

        AssertAt(error, 7, 3);
        Assert.Equal("duplicate node 'brian': it is already defined at line 5", error.Message);
    }

    [Fact]
    public void Load_KeyRepeatedInsideANode_IsADuplicateKeyWithItsPath()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                type: gpu-worker
                host: 192.168.0.184
            """);

        AssertAt(error, 8, 5);
        Assert.Equal("duplicate key 'host' in 'nodes.brian': it is already set at line 6", error.Message);
    }

    [Fact]
    public void Load_SeveralDuplicates_AreAllReportedWhereYamlDotNetWouldStopAtTheFirst()
    {
        var result = Load("""
            cluster:
              name: lab
              name: lab2
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                services:
                  vllm:
                    port: 8000
                    port: 8001
            """);

        Assert.Equal(
            [(3, 3, "duplicate key 'name' in 'cluster': it is already set at line 2"), (11, 9, "duplicate key 'port' in 'nodes.brian.services.vllm': it is already set at line 10")],
            result.Diagnostics.Select(d => (d.Line, d.Column, d.Message)));
    }

    [Fact]
    public void Load_NodesDifferingOnlyInCase_AreReported()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
              Brian:
                host: 192.168.0.184
            """);

        AssertAt(error, 7, 3);
        Assert.Contains("only in letter case", error.Message);
    }

    [Fact]
    public void Load_UnknownCapability_SuggestsTheClosestAndHowToDeclareOne()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                capabilities:
                  - training
                  - llm-inferance
            """);

        AssertAt(error, 9, 9);
        Assert.Equal("unknown capability 'llm-inferance' in node 'brian'", error.Message);
        Assert.StartsWith("did you mean 'llm-inference'?", error.Hint);
        Assert.Contains("cluster.custom_capabilities", error.Hint);
    }

    [Fact]
    public void Load_CustomCapabilityDeclaredInCluster_IsAccepted()
    {
        var result = Load("""
            cluster:
              name: lab
              simulate: true
              custom_capabilities: [ocr]
            nodes:
              brian:
                host: 192.168.0.183
                capabilities: [ocr, training]
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["ocr"], result.Config!.Cluster.CustomCapabilities);
        Assert.Equal(["ocr", "training"], result.Config.Nodes[0].Capabilities);
    }

    [Fact]
    public void Load_UndeclaredCustomCapability_IsUnknown()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                capabilities: [ocr]
            """);

        AssertAt(error, 7, 20);
        Assert.Equal("unknown capability 'ocr' in node 'brian'", error.Message);
    }

    [Fact]
    public void Load_UnknownAcceleratorType_SuggestsTheKnownOne()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                accelerators:
                  - type: nvida
                    model: RTX 3090
            """);

        AssertAt(error, 8, 15);
        Assert.Equal("unknown accelerator type 'nvida' in accelerator 1 of node 'brian'", error.Message);
        Assert.Equal("did you mean 'nvidia'?", error.Hint);
    }

    [Fact]
    public void Load_ServiceNamedAfterNoKind_AsksForAKind()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                services:
                  vllm2:
                    port: 8000
            """);

        AssertAt(error, 8, 7);
        Assert.Equal("unknown service kind 'vllm2' in node 'brian': a service's name is its kind unless 'kind:' is given", error.Message);
        Assert.StartsWith("did you mean 'vllm'?", error.Hint);
        Assert.Contains("add 'kind:'", error.Hint);
    }

    [Fact]
    public void Load_UnknownExplicitServiceKind_SuggestsTheKnownOne()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                services:
                  chat:
                    kind: olama
                    port: 11434
            """);

        AssertAt(error, 9, 15);
        Assert.Equal("unknown service kind 'olama' in service 'chat' of node 'brian'", error.Message);
        Assert.Equal("did you mean 'ollama'?", error.Hint);
    }

    [Theory]
    [InlineData("llamacpp")]
    [InlineData("llama.cpp")]
    [InlineData("llama-cpp")]
    public void Load_LlamaCppSpellings_AllMeanLlamaCpp(string spelling)
    {
        var result = Load($"""
            cluster:
              name: lab
              simulate: true
            nodes:
              pve3:
                host: 192.168.0.103
                services:
                  {spelling}:
                    port: 8080
            """);

        Assert.Empty(result.Diagnostics);
        var service = Assert.Single(result.Config!.Nodes[0].Services);
        Assert.Equal((spelling, ServiceKind.LlamaCpp), (service.Name, service.Kind));
    }

    [Fact]
    public void Load_AcceleratorCountBelowOne_IsAnError()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                accelerators:
                  - type: nvidia
                    model: RTX 3090
                    count: 0
            """);

        AssertAt(error, 10, 16);
        Assert.Equal("'count' in accelerator 1 of node 'brian' must be at least 1, got 0", error.Message);
    }

    [Fact]
    public void Load_PortOutOfRange_IsAnError()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                services:
                  vllm:
                    port: 80000
            """);

        AssertAt(error, 9, 15);
        Assert.Equal("'port' in service 'vllm' of node 'brian' must be between 1 and 65535, got 80000", error.Message);
        Assert.Equal("use a TCP port from 1 to 65535", error.Hint);
    }

    [Fact]
    public void Load_NodeWithoutHost_PointsAtTheNode()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                type: gpu-worker
            """);

        AssertAt(error, 5, 3);
        Assert.Equal("missing required key 'host' in node 'brian'", error.Message);
        Assert.Contains("host: 192.168.0.183", error.Hint);
    }

    [Fact]
    public void Load_ProxmoxWithoutHostUserAndTokenName_ReportsAllThree()
    {
        var result = Load("""
            cluster:
              name: lab
              proxmox:
                token_value_env: PVEAGENT_TOKEN
            nodes: {}
            """);

        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        Assert.Equal(
            ["missing required key 'host' in 'cluster.proxmox'", "missing required key 'user' in 'cluster.proxmox'", "missing required key 'token_name' in 'cluster.proxmox'"],
            errors.Select(e => e.Message));
        Assert.All(errors, e => AssertAt(e, 3, 3));
    }

    [Fact]
    public void Load_NoTokenSourceWhenNotSimulating_SaysHowToProvideOne()
    {
        var error = SingleError("""
            cluster:
              name: lab
              proxmox:
                host: 192.168.0.2
                user: pveagent@pve
                token_name: orchestrator
            nodes:
              brian:
                host: 192.168.0.183
            """);

        AssertAt(error, 3, 3);
        Assert.Equal("no API token secret in 'cluster.proxmox': none of token_value_env, token_value_file or token_value is set", error.Message);
        Assert.Contains("token_value_env: PVEAGENT_TOKEN", error.Hint);
        Assert.Contains("token_value_file", error.Hint);
    }

    [Fact]
    public void Load_NoTokenSourceWhileSimulating_IsAccepted()
    {
        var result = Load("""
            cluster:
              name: lab
              simulate: true
              proxmox:
                host: 192.168.0.2
                user: pveagent@pve
                token_name: orchestrator
            nodes:
              brian:
                host: 192.168.0.183
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("none", result.Config!.Proxmox!.TokenSecret.ToString());
    }

    [Fact]
    public void Load_NoProxmoxWhenNotSimulating_SaysToAddOneOrSimulate()
    {
        var error = SingleError("""
            cluster:
              name: lab
            nodes:
              brian:
                host: 192.168.0.183
            """);

        AssertAt(error, 1, 1);
        Assert.Equal("no Proxmox connection is configured", error.Message);
        Assert.Contains("simulate: true", error.Hint);
    }

    [Fact]
    public void Load_InlineToken_IsAWarningThatNeverShowsTheSecret()
    {
        const string Secret = "5f0c9c2e-8a7d-4d8e-b1c4-2a9e3f6d7b10";
        var result = Load($"""
            cluster:
              name: lab
              proxmox:
                host: 192.168.0.2
                user: pveagent@pve
                token_name: orchestrator
                token_value: {Secret}
            nodes:
              brian:
                host: 192.168.0.183
            """);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigSeverity.Warning, warning.Severity);
        AssertAt(warning, 7, 5);
        Assert.Equal("the secret is stored in plain text in 'cluster.proxmox'", warning.Message);
        Assert.Contains("use token_value_env", warning.Hint);
        Assert.DoesNotContain(Secret, warning.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Config!.ToString(), StringComparison.Ordinal);
        Assert.Equal(Secret, result.Config.Proxmox!.TokenSecret.InlineValue);
    }

    [Fact]
    public void Load_SecretPastedIntoTokenValueEnv_IsAnErrorThatNeverShowsIt()
    {
        const string Secret = "5f0c9c2e-8a7d-4d8e-b1c4-2a9e3f6d7b10";
        var result = Load($"""
            cluster:
              name: lab
              proxmox:
                host: 192.168.0.2
                user: pveagent@pve
                token_name: orchestrator
                token_value_env: {Secret}
            nodes:
              brian:
                host: 192.168.0.183
            """);

        var error = Assert.Single(result.Diagnostics);
        AssertAt(error, 7, 22);
        Assert.Contains("looks like the token secret itself", error.Message);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TwoTokenSources_IsAnErrorAtTheSecond()
    {
        var error = SingleError("""
            cluster:
              name: lab
              proxmox:
                host: 192.168.0.2
                user: pveagent@pve
                token_name: orchestrator
                token_value_env: PVEAGENT_TOKEN
                token_value_file: /etc/pveagent/token
            nodes:
              brian:
                host: 192.168.0.183
            """);

        AssertAt(error, 8, 5);
        Assert.Equal("'cluster.proxmox' gives more than one token source (token_value_env, token_value_file)", error.Message);
    }

    [Theory]
    [InlineData("root", "has no realm")]
    [InlineData("root@pam!orchestrator", "includes the token id")]
    public void Load_BadProxmoxUser_SaysHowToWriteIt(string user, string problem)
    {
        var error = SingleError($"""
            cluster:
              name: lab
              simulate: true
              proxmox:
                host: 192.168.0.2
                user: {user}
                token_name: orchestrator
            """);

        AssertAt(error, 6, 11);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Load_BadFingerprint_SaysWhatIsWrongWithIt()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
              proxmox:
                host: 192.168.0.2
                user: pveagent@pve
                token_name: orchestrator
                fingerprint: "AB:CD:EF"
            """);

        AssertAt(error, 8, 18);
        Assert.Equal("fingerprint in 'cluster.proxmox' is not a SHA-256 fingerprint: it has 3 pairs; a SHA-256 fingerprint has 32", error.Message);
        Assert.Contains("pvenode cert info", error.Hint);
    }

    [Fact]
    public void Load_GoodFingerprint_IsKeptInUpperCase()
    {
        var fingerprint = string.Join(':', Enumerable.Range(0, 32).Select(i => (i * 7 % 256).ToString("x2")));
        var result = Load($"""
            cluster:
              name: lab
              simulate: true
              proxmox:
                host: 192.168.0.2
                user: pveagent@pve
                token_name: orchestrator
                fingerprint: "{fingerprint}"
            """);

        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.Equal(fingerprint.ToUpperInvariant(), result.Config!.Proxmox!.Fingerprint);
    }

    [Fact]
    public void Load_BadMac_IsAnError()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                wake_on_lan:
                  mac: "D8:5E:D3:4A:11"
            """);

        AssertAt(error, 8, 12);
        Assert.Equal("mac 'D8:5E:D3:4A:11' in 'wake_on_lan' of node 'brian' is not a MAC address", error.Message);
    }

    [Fact]
    public void Load_MacWithDashesInLowerCase_IsNormalized()
    {
        var result = Load("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                wake_on_lan:
                  mac: d8-5e-d3-4a-11-83
                  boot_seconds: 120
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new WakeOnLanConfig { Mac = "D8:5E:D3:4A:11:83", BootSeconds = 120 }, result.Config!.Nodes[0].WakeOnLan);
    }

    [Fact]
    public void Load_WakeViaUndeclaredNode_SuggestsADeclaredOne()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
              edge-tt:
                host: 192.168.0.150
                wake_on_lan:
                  mac: "D8:5E:D3:4A:11:50"
                  via: brain
            """);

        AssertAt(error, 11, 12);
        Assert.Equal("'via' in 'wake_on_lan' of node 'edge-tt' names node 'brain', which is not declared under 'nodes'", error.Message);
        Assert.Equal("did you mean 'brian'?", error.Hint);
    }

    [Fact]
    public void Load_TwoServicesOnOneNodeAndPort_IsAnErrorAtTheSecond()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                services:
                  vllm:
                    port: 8000
                  embed:
                    kind: vllm
                    port: 8000
            """);

        AssertAt(error, 12, 15);
        Assert.Equal("services 'vllm' and 'embed' on node 'brian' both use port 8000", error.Message);
    }

    [Fact]
    public void Load_SamePortInGuestsWithTheirOwnUrls_IsAccepted()
    {
        var result = Load("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                services:
                  vllm:
                    url: http://192.168.0.201:8000
                  embed:
                    kind: vllm
                    url: http://192.168.0.202:8000
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Equal([8000, 8000], result.Config!.Nodes[0].Services.Select(s => s.Port));
    }

    [Fact]
    public void Load_GuestBelow100_IsAnError()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                services:
                  vllm:
                    port: 8000
                    guest: 42
            """);

        AssertAt(error, 10, 16);
        Assert.Equal("'guest' in service 'vllm' of node 'brian' must be between 100 and 999999999, got 42", error.Message);
    }

    [Fact]
    public void Load_IdleWattsAboveMaxWatts_IsAnError()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                power:
                  idle_watts: 1150
                  max_watts: 110
            """);

        AssertAt(error, 8, 19);
        Assert.Equal("idle_watts (1150) is greater than max_watts (110) in 'power' of node 'brian'", error.Message);
    }

    [Fact]
    public void Load_ModelListedTwice_IsOnlyAWarning()
    {
        var result = Load("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                services:
                  ollama:
                    port: 11434
                    models: [llama3.2:3b, nomic-embed-text, llama3.2:3b]
            """);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigSeverity.Warning, warning.Severity);
        AssertAt(warning, 10, 49);
        Assert.Equal("model 'llama3.2:3b' is listed twice in service 'ollama' of node 'brian'", warning.Message);
        Assert.Equal(["llama3.2:3b", "nomic-embed-text"], result.Config!.Nodes[0].Services[0].Models);
    }

    [Fact]
    public void Load_UnknownTelemetrySource_SuggestsTheKnownOne()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                telemetry:
                  source: node_agent
            """);

        AssertAt(error, 8, 15);
        Assert.Equal("did you mean 'node-agent'?", error.Hint);
    }

    [Fact]
    public void Load_ExporterTelemetryWithoutUrl_AsksForTheUrl()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                telemetry:
                  source: exporter
            """);

        AssertAt(error, 7, 5);
        Assert.Equal("missing required key 'url' in 'telemetry' of node 'brian'", error.Message);
    }

    [Fact]
    public void Load_ProxmoxAtTopLevel_IsAccepted()
    {
        var result = Load("""
            cluster:
              name: lab
            proxmox:
              host: pve1.lan
              port: 8443
              user: pveagent@pve
              token_name: orchestrator
              token_value_file: /etc/pveagent/token
              timeout_seconds: 5
            nodes:
              pve1:
                host: pve1.lan
            """);

        Assert.Empty(result.Diagnostics);
        var proxmox = result.Config!.Proxmox!;
        Assert.Equal(new Uri("https://pve1.lan:8443/api2/json/"), proxmox.BaseAddress);
        Assert.Equal("/etc/pveagent/token", proxmox.TokenSecret.FilePath);
        Assert.Equal(5, proxmox.TimeoutSeconds);
    }

    [Fact]
    public void Load_ProxmoxBothAtTopLevelAndInCluster_IsAnError()
    {
        var error = SingleError("""
            cluster:
              name: lab
              simulate: true
              proxmox:
                host: 192.168.0.2
                user: pveagent@pve
                token_name: orchestrator
            proxmox:
              host: 192.168.0.3
              user: pveagent@pve
              token_name: orchestrator
            """);

        AssertAt(error, 8, 1);
        Assert.Equal("the Proxmox connection is given twice: here and under 'cluster' (line 4)", error.Message);
    }

    [Fact]
    public void Load_MalformedYaml_IsOneErrorAtTheParsersPosition()
    {
        var result = Load("""
            cluster:
              name: lab
             simulate: true
            """);

        var error = Assert.Single(result.Diagnostics);
        AssertAt(error, 3, 2);
        Assert.StartsWith("the file is not valid YAML: while parsing a block mapping", error.Message);
        Assert.Contains("indentation", error.Hint);
    }

    [Fact]
    public void Load_TabIndentation_PointsAtTheTab()
    {
        var result = Load("cluster:\n  name: lab\n\tsimulate: true\n");

        var error = Assert.Single(result.Diagnostics);
        AssertAt(error, 3, 1);
        Assert.Contains("tabs", error.Hint);
    }

    [Fact]
    public void Load_UnquotedColonInValue_ExplainsQuoting()
    {
        var result = Load("""
            cluster:
              name: lab: test
            """);

        var error = Assert.Single(result.Diagnostics);
        AssertAt(error, 2, 12);
        Assert.Contains("must be quoted", error.Hint);
    }

    [Fact]
    public void Load_EmptyFile_SaysWhereToStart()
    {
        var error = Assert.Single(Load("# nothing yet\n").Diagnostics);

        Assert.Equal("cluster.yaml: error: the configuration file is empty — start from the sample cluster.yaml in the PveAgent repository (it has 'simulate: true', so it works without a Proxmox host)", error.ToString());
    }

    [Fact]
    public void Load_ListAtTopLevel_AsksForSections()
    {
        var error = Assert.Single(Load("- cluster\n- nodes\n").Diagnostics);

        AssertAt(error, 1, 1);
        Assert.Equal("expected top-level sections (cluster:, proxmox:, nodes:), got a list", error.Message);
    }

    [Fact]
    public void Load_NoNodes_IsAWarningPointingAtDiscover()
    {
        var result = Load("""
            cluster:
              name: lab
              simulate: true
            """);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigSeverity.Warning, warning.Severity);
        Assert.Contains("discover --write", warning.Hint);
        Assert.Empty(result.Config!.Nodes);
    }

    [Fact]
    public void Load_SeveralProblems_ReportsEveryOneInFileOrder()
    {
        var result = Load("""
            cluster:
              name: lab
              simulate: maybe
            nodes:
              brian:
                host: 192.168.0.xxx
                acelerators: []
                capabilities: [trainning]
                services:
                  vllm:
                    port: 0
                power:
                  idle_watts: 300
                  max_watts: 200
              brian:
                host: 192.168.0.184
              pve3:
                type: storage
            """);

        Assert.Null(result.Config);
        Assert.Equal(
        [
            (3, 13, "expected true or false for 'simulate' in 'cluster', got 'maybe'"),
            (6, 11, "host '192.168.0.xxx' of node 'brian' is neither an IP address nor a hostname: 'xxx' is not a number from 0 to 255"),
            (7, 5, "unknown key 'acelerators' in node 'brian'"),
            (8, 20, "unknown capability 'trainning' in node 'brian'"),
            (11, 15, "'port' in service 'vllm' of node 'brian' must be between 1 and 65535, got 0"),
            (13, 19, "idle_watts (300) is greater than max_watts (200) in 'power' of node 'brian'"),
            (15, 3, "duplicate node 'brian': it is already defined at line 5"),
            (17, 3, "missing required key 'host' in node 'pve3'"),
        ],
        result.Diagnostics.Select(d => (d.Line, d.Column, d.Message)));
        Assert.All(result.Diagnostics, d => Assert.True(d.IsError));
    }

    // ---- files ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task LoadFile_MissingFile_SaysSoAndHowToCreateOne()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pveagent-{Guid.NewGuid():N}", "cluster.yaml");

        var result = await Loader.LoadFileAsync(path);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((path, 0, "configuration file not found"), (error.File, error.Line, error.Message));
        Assert.Contains("pve-agent init", error.Hint);
        Assert.Contains("--config", error.Hint);
        Assert.Contains("PVEAGENT_CONFIG", error.Hint);
        Assert.Null(result.Config);
    }

    [Fact]
    public async Task LoadFile_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Loader.LoadFileAsync(SharedFiles.InRepository("cluster.yaml"), cancellation.Token));
    }
}
