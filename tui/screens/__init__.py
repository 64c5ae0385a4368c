"""The screens of the app: thin views over the domain and the store."""
