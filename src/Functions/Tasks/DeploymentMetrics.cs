using Wso2Serverless.Domain.Metrics;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// The metric lines of a run that has just been closed: one per finished phase and one for the
/// deployment (the dashboard's runs, failures by phase and phase durations come from these).
/// </summary>
internal static class DeploymentMetrics
{
    public static void Emit(FunctionServices services, DeploymentRecord closed, IReadOnlyList<PhaseRecord> phases)
    {
        foreach (var line in EmfMetrics.ForDeployment(closed, phases, services.Clock.UtcNow))
        {
            services.Metrics.Emit(line);
        }
    }
}
