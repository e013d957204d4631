using PveAgent.Core.Hardware;

namespace PveAgent.Core.Routing;

/// <summary>How long a task's work takes on an idle accelerator, from the hardware model; shared by the router and the policy simulator.</summary>
internal static class WorkEstimator
{
    /// <summary>Frames in a generated video, each costing one image's diffusion steps.</summary>
    public const int VideoFrames = 16;

    public static double ServiceSeconds(TaskRequest task, ModelProfile? model, AcceleratorProfile accelerator, int devices)
    {
        var size = task.Size;
        if (task.Type.Execution == TaskExecution.Job || model is null)
        {
            return task.Type.Execution == TaskExecution.Job ? size.JobSeconds : 1.0;
        }

        return task.Type.ModelKind switch
        {
            ModelKind.Embedding => PerformanceModel.EmbeddingSeconds(model, accelerator, task.PromptTokens, devices),
            ModelKind.SpeechToText => PerformanceModel.TranscriptionSeconds(model, accelerator, size.AudioSeconds, devices),
            ModelKind.ImageGeneration => PerformanceModel.ImageSeconds(model, accelerator, size.ImageSteps, devices)
                * (task.Type == TaskType.VideoGeneration ? VideoFrames : 1),
            _ => PerformanceModel.GenerationSeconds(model, accelerator, task.PromptTokens, size.OutputTokens, devices),
        };
    }
}
