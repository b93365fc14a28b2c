import OratorCore
