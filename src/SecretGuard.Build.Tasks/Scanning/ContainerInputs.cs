using SecretGuard.ImageReading;

namespace SecretGuard.Scanning;

/// <summary>What the project asks the SDK to put into the image, known before the image is built.</summary>
/// <param name="Config">Env, labels and arguments from the project's container items.</param>
/// <param name="PublishDirectory">The publish folder, copied as-is under the working directory into the app layer.</param>
public sealed record ContainerInputs(ImageConfig Config, string? PublishDirectory);
