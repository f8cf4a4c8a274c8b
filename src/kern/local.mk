# kern
