// The umbrella module: one import for library users, as swift-numerics' `Numerics`.
@_exported import SeriesIO
@_exported import Windowing
@_exported import NeuralNet
@_exported import Forecasters
@_exported import Backtesting
@_exported import Reports
