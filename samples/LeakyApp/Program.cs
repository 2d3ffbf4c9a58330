var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => $"hello from a leaky container ({LeakyApp.OrdersRepository.Length})");
app.Run();
