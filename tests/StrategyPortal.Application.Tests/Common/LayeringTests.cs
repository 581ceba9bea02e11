using StrategyPortal.Application.Common;

namespace StrategyPortal.Application.Tests.Common;

public sealed class LayeringTests
{
    [Fact]
    public void Application_references_no_ASP_NET_Core_assembly()
    {
        var references = typeof(MessageText).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Contains("StrategyPortal.Domain", references);
    }
}
