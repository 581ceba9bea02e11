using StrategyPortal.Web.Hosting;

return await PortalApp.RunAsync(args);
